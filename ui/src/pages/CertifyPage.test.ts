import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const USER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }

function loaded(data: unknown) {
  return { data, source: 'cache', fetchedAt: 1, stale: false, offline: false }
}

function backend(profile: () => unknown, extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions: [USER] }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'profile_user_info':
        return loaded(profile())
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const input = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"] input`)
const errors = (wrapper: VueWrapper) => wrapper.findAll('.van-field__error-message').map((e) => e.text())

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="certify-form"]').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Real-name certification', () => {
  it('shows a skeleton while the profile loads, then the form for an unverified user', async () => {
    let answer: (value: unknown) => void = () => {}
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(() => ({}), { profile_user_info: () => pending }), '/account/certify')
    expect(wrapper.find('[data-testid="certify-loading"]').exists()).toBe(true)
    answer(loaded({ user_is_authentication: 0 }))
    await flushPromises()
    expect(wrapper.get('[data-testid="certify-state"]').text()).toBe('未认证')
    expect(wrapper.find('[data-testid="certify-form"]').exists()).toBe(true)
  })

  it('says why the profile could not be read', async () => {
    const { wrapper } = await mountApp(
      backend(() => ({}), {
        profile_user_info: () => {
          throw { code: 'network', reason: { kind: 'backend', sentence: '网络不可用' }, message: 'the detail, in English (code 1001)', trace: null }
        },
      }),
      '/account/certify',
    )
    expect(wrapper.get('[data-testid="certify-error"]').text()).toContain('网络不可用')
  })

  it('checks the name and the ID number’s check character before sending', async () => {
    const { wrapper, calls } = await mountApp(backend(() => ({ user_is_authentication: 0 })), '/account/certify')
    await input(wrapper, 'real-name').setValue('王')
    await input(wrapper, 'id-number').setValue('110105199005201230')
    await submit(wrapper)
    expect(errors(wrapper)).toEqual(['请填写 2 到 30 个字的真实姓名', '身份证号不正确，请核对（18 位，末位可为 X）'])
    expect(calls.map((c) => c.cmd)).not.toContain('profile_certify')
  })

  it('submits once, then shows the certification under review', async () => {
    let state = 0
    let answer: (value: unknown) => void = () => {}
    const { wrapper, calls } = await mountApp(
      backend(() => (state ? { user_is_authentication: state, user_realname: '王小明', user_idcard: '<redacted>' } : { user_is_authentication: 0 }), {
        profile_certify: () => new Promise((resolve) => (answer = resolve)),
      }),
      '/account/certify',
    )
    await input(wrapper, 'real-name').setValue('王小明')
    await input(wrapper, 'id-number').setValue('11010519491001004x')
    await submit(wrapper)
    await submit(wrapper)
    expect(calls.filter((c) => c.cmd === 'profile_certify')).toEqual([
      { cmd: 'profile_certify', args: { input: { realName: '王小明', idNumber: '11010519491001004X' } } },
    ])
    state = 1
    answer(null)
    await flushPromises()
    expect(document.body.textContent).toContain('已提交，等待审核')
    expect(wrapper.get('[data-testid="certify-state"]').text()).toBe('审核中')
    expect(wrapper.get('[data-testid="certify-name"]').text()).toContain('王小明')
    // The app keeps no ID card number and redacts it on the way: nothing to show.
    expect(wrapper.find('[data-testid="certify-id"]').exists()).toBe(false)
    expect(document.body.textContent).not.toContain('<redacted>')
    expect(wrapper.find('[data-testid="certify-form"]').exists()).toBe(false)

    // The reviewer passed it: the refresh's event makes the page read again.
    state = 2
    await emit('data-changed', { environment: 'sandbox', account: '10001', family: 'user_center', what: 'user_info', change: 'refreshed', code: null, message: null })
    await flushPromises()
    expect(wrapper.get('[data-testid="certify-state"]').text()).toBe('已认证')
    expect(wrapper.get('[data-testid="certify-hint"]').text()).toContain('您已完成实名认证')
  })

  it('keeps the form filled when the server refuses, and offers to resubmit a refused one', async () => {
    const { wrapper } = await mountApp(
      backend(() => ({ user_is_authentication: 3 }), {
        profile_certify: () => {
          throw { code: 'business', reason: { kind: 'backend', sentence: '参数错误' }, message: 'the detail, in English (code 1001)', trace: 't-9' }
        },
      }),
      '/account/certify',
    )
    expect(wrapper.get('[data-testid="certify-hint"]').text()).toContain('认证未通过')
    expect(wrapper.get('[data-testid="certify-submit"]').text()).toBe('重新提交')
    await input(wrapper, 'real-name').setValue('王小明')
    await input(wrapper, 'id-number').setValue('110105199005201236')
    await submit(wrapper)
    expect(document.body.textContent).toContain('参数错误')
    expect((input(wrapper, 'id-number').element as HTMLInputElement).value).toBe('110105199005201236')
  })
})
