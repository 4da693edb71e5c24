import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const USER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }

function loaded(data: unknown) {
  return { data, source: 'cache', fetchedAt: 1, stale: false, offline: false }
}

function backend(profile: unknown, extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions: [USER] }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'profile_user_info':
        return loaded(profile)
      case 'auth_send_code':
        return { resendAfterSeconds: 60 }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const BOUND = { user_mobile: '13800000002', user_intl: '+86' }
const input = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"] input`)
const errors = (wrapper: VueWrapper) => wrapper.findAll('.van-field__error-message').map((e) => e.text())

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="mobile-form"]').trigger('submit')
  await flushPromises()
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Mobile number', () => {
  it('shows a skeleton, then the bound number masked and the rebind form', async () => {
    let answer: (value: unknown) => void = () => {}
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(BOUND, { profile_user_info: () => pending }), '/account/mobile')
    expect(wrapper.find('[data-testid="mobile-loading"]').exists()).toBe(true)
    answer(loaded(BOUND))
    await flushPromises()
    expect(wrapper.get('[data-testid="mobile-current"]').text()).toContain('+86 138****0002')
    expect(wrapper.text()).not.toContain('13800000002')
    expect(wrapper.get('[data-testid="mobile-submit"]').text()).toBe('更换')
  })

  it('says why the profile could not be read', async () => {
    const { wrapper } = await mountApp(
      backend(BOUND, {
        profile_user_info: () => {
          throw { code: 'network', reason: { kind: 'backend', sentence: '网络不可用' }, message: 'the detail, in English (code 1001)', trace: null }
        },
      }),
      '/account/mobile',
    )
    expect(wrapper.get('[data-testid="mobile-error"]').text()).toContain('网络不可用')
  })

  it('checks the number for its area code and the code before sending', async () => {
    const { wrapper, calls } = await mountApp(backend(BOUND), '/account/mobile')
    const send = wrapper.get('[data-testid="send-code"]')
    await input(wrapper, 'mobile-phone').setValue('1380000')
    expect(send.attributes('disabled')).toBeDefined()
    await input(wrapper, 'mobile-code').setValue('12')
    await submit(wrapper)
    expect(errors(wrapper)).toEqual(['手机号格式不正确', '验证码是 6 位数字'])
    await input(wrapper, 'mobile-phone').setValue('13800000002')
    await submit(wrapper)
    expect(errors(wrapper)[0]).toBe('这已是您当前的手机号')
    expect(calls.map((c) => c.cmd)).not.toContain('profile_bind_mobile')
    expect(calls.map((c) => c.cmd)).not.toContain('auth_send_code')
  })

  it('sends the code to the new number with a 60 s countdown, then binds once and goes back', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
    try {
      let answer: (value: unknown) => void = () => {}
      const { wrapper, calls, router } = await mountApp(
        backend({ user_mobile: null }, { profile_bind_mobile: () => new Promise((resolve) => (answer = resolve)) }),
        '/account/mobile',
      )
      expect(wrapper.get('[data-testid="mobile-current"]').text()).toContain('尚未绑定手机号')
      await input(wrapper, 'mobile-phone').setValue('139 0000 0009')
      await wrapper.get('[data-testid="send-code"]').trigger('click')
      await flushPromises()
      expect(calls).toContainEqual({ cmd: 'auth_send_code', args: { target: { phoneArea: '+86', phone: '13900000009', email: null } } })
      expect(wrapper.get('[data-testid="send-code"]').text()).toBe('60 秒后重发')
      await vi.advanceTimersByTimeAsync(1000)
      expect(wrapper.get('[data-testid="send-code"]').text()).toBe('59 秒后重发')
      await wrapper.get('[data-testid="send-code"]').trigger('click')
      expect(calls.filter((c) => c.cmd === 'auth_send_code')).toHaveLength(1)

      await input(wrapper, 'mobile-code').setValue('123456')
      await submit(wrapper)
      await submit(wrapper)
      expect(calls.filter((c) => c.cmd === 'profile_bind_mobile')).toEqual([
        { cmd: 'profile_bind_mobile', args: { input: { phoneArea: '+86', phone: '13900000009', code: '123456' } } },
      ])
      answer(null)
      await flushPromises()
      expect(document.body.textContent).toContain('手机号已绑定')
      expect(router.currentRoute.value.name).toBe('lcs.account.personinfo')
    } finally {
      vi.useRealTimers()
    }
  })

  it('keeps the number and code when the code is wrong, in English too', async () => {
    const { wrapper, router } = await mountApp(
      backend(BOUND, {
        profile_bind_mobile: () => {
          throw { code: 'business', reason: { kind: 'backend', sentence: 'Wrong code' }, message: 'the detail, in English (code 1001)', trace: 't-3' }
        },
      }),
      '/account/mobile',
    )
    applyLanguage('en-US')
    await flushPromises()
    expect(wrapper.get('[data-testid="mobile-submit"]').text()).toBe('Change')
    await input(wrapper, 'mobile-phone').setValue('13900000009')
    await input(wrapper, 'mobile-code').setValue('000000')
    await submit(wrapper)
    expect(document.body.textContent).toContain('Wrong code')
    expect(router.currentRoute.value.name).toBe('lcs.account.mobile')
    expect((input(wrapper, 'mobile-code').element as HTMLInputElement).value).toBe('000000')
    applyLanguage('zh-CN')
  })
})
