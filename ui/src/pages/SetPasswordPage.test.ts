import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { errorDetails, fieldErrors, mountApp, pageBackend, SIGNED_OUT, submitForm, type IpcHandler } from '../testing'

const CUSTOMER = {
  family: 'customer',
  account: '7',
  displayName: '13800000007',
  persisted: true,
  verified: true,
  mode: 'real',
}
const SIGNED_IN = { ...SIGNED_OUT, sessions: [CUSTOMER] }

const backend = (extra: IpcHandler = () => undefined, language = 'zh-CN') => pageBackend(extra, SIGNED_IN, language)
const input = (wrapper: VueWrapper, testid: string) => wrapper.get(`[data-testid="${testid}"] input`)

async function typePasswords(wrapper: VueWrapper, password: string, confirm = password) {
  await input(wrapper, 'password').setValue(password)
  await input(wrapper, 'confirm').setValue(confirm)
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('First password', () => {
  it('asks a signed-out visitor to sign in as a customer first, and comes back', async () => {
    const { wrapper, router } = await mountApp(pageBackend(() => undefined), '/account/setpwd')
    expect(wrapper.get('[data-testid="setpwd-signed-out"]').text()).toContain('请先登录交易账户')
    await wrapper.get('[data-testid="setpwd-signed-out"] button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ family: 'customer', redirect: '/account/setpwd' })
  })

  it('shows the rules and says what is wrong before sending anything', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/account/setpwd')
    expect(wrapper.get('[data-testid="setpwd"]').text()).toContain('13800000007')
    expect(wrapper.get('[data-testid="password-rules"]').text()).toContain('8–32 位')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['请填写新密码', '再次输入新密码'])
    await typePasswords(wrapper, '12345678', '1234567')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['密码需同时包含字母和数字', '两次输入的密码不一致'])
    expect(calls.map((c) => c.cmd)).not.toContain('auth_customer_first_password')
  })

  it('speaks English when the user chose it', async () => {
    const { wrapper } = await mountApp(backend(undefined, 'en-US'), '/account/setpwd')
    await typePasswords(wrapper, 'a1', 'a2')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['Use 8 to 32 characters', 'The two passwords differ'])
    expect(wrapper.get('[data-testid="setpwd-submit"]').text()).toBe('Set password')
  })

  it('sets the password and continues where the user was going', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_customer_first_password' ? CUSTOMER : undefined)),
      '/account/setpwd?redirect=/account/password',
    )
    await typePasswords(wrapper, 'first123')
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_customer_first_password')?.args).toEqual({ password: 'first123' })
    expect(document.body.textContent).toContain('密码已设置')
    expect(router.currentRoute.value.fullPath).toBe('/account/password')
  })

  it("keeps the input and shows the server's words when it refuses", async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_first_password') throw { code: 'business', reason: { kind: 'backend', sentence: '密码已设置过' }, message: 'the detail, in English (code 1001)', trace: 't-9' }
        return undefined
      }),
      '/account/setpwd',
    )
    await typePasswords(wrapper, 'first123')
    await submitForm(wrapper)
    expect(document.body.textContent).toContain('密码已设置过')
    expect(await errorDetails()).toContain('t-9')
    expect(router.currentRoute.value.name).toBe('lcs.account.setpwd')
    expect((input(wrapper, 'confirm').element as HTMLInputElement).value).toBe('first123')
  })

  it('says so when the server cannot be reached', async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_first_password') throw { code: 'timeout', reason: { kind: 'backend', sentence: '请求超时' }, message: 'the detail, in English (code 1001)', trace: null }
        return undefined
      }),
      '/account/setpwd',
    )
    await typePasswords(wrapper, 'first123')
    await submitForm(wrapper)
    expect(document.body.textContent).toContain('请求超时')
    expect(router.currentRoute.value.name).toBe('lcs.account.setpwd')
  })

  it('sends the password once however often the user submits', async () => {
    let release: () => void = () => undefined
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_first_password') return new Promise((resolve) => (release = () => resolve(CUSTOMER)))
        // Home, where the page goes next, lists the customer's trading accounts.
        if (cmd === 'accounts_trading') return { data: [], source: 'cache', fetchedAt: null, stale: false, offline: false }
        return undefined
      }),
      '/account/setpwd',
    )
    await typePasswords(wrapper, 'first123')
    await submitForm(wrapper)
    await submitForm(wrapper)
    expect(wrapper.get('[data-testid="setpwd-submit"]').classes()).toContain('van-button--loading')
    expect(calls.filter((c) => c.cmd === 'auth_customer_first_password')).toHaveLength(1)
    release()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.home')
  })
})
