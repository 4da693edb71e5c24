import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { errorDetails, fieldErrors, mountApp, pageBackend, submitForm, type IpcHandler } from '../testing'

const USER_CENTER_SESSION = {
  family: 'user_center',
  account: '42',
  displayName: 'new@lcs.test',
  persisted: true,
  verified: true,
  mode: null,
}

/** Registration answers as a backend would, with `extra` deciding what the test is about. */
function backend(extra: IpcHandler = () => undefined, language = 'zh-CN'): IpcHandler {
  return pageBackend((cmd, args) => {
    const answer = extra(cmd, args)
    if (answer !== undefined) return answer
    if (cmd === 'auth_send_code') return { resendAfterSeconds: 60 }
    if (cmd === 'auth_customer_check_phone' || cmd === 'auth_planner_check_phone') return null
    return undefined
  }, undefined, language)
}

const input = (wrapper: VueWrapper, testid: string) => wrapper.get(`[data-testid="${testid}"] input`)
const value = (wrapper: VueWrapper, testid: string) => (input(wrapper, testid).element as HTMLInputElement).value

/** Fills family A's form by phone, the code sent first, and accepts the privacy policy. */
async function fillCustomer(wrapper: VueWrapper) {
  await input(wrapper, 'phone').setValue('13900000009')
  await wrapper.get('[data-testid="send-code"]').trigger('click')
  await flushPromises()
  await input(wrapper, 'code').setValue('123456')
  await input(wrapper, 'password').setValue('abc12345')
  await wrapper.get('[data-testid="privacy-accept"]').trigger('click')
}

afterEach(() => {
  vi.useRealTimers()
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Registration', () => {
  it('says what is wrong with each field before sending anything', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/account/register')
    // The password rules are on show before the user submits.
    expect(wrapper.get('[data-testid="password-rules"]').text()).toContain('8–32 位')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['请填写手机号', '请填写验证码', '请填写密码', '请先阅读并同意隐私政策'])

    await input(wrapper, 'phone').setValue('2390000000')
    await input(wrapper, 'code').setValue('12345')
    await input(wrapper, 'password').setValue('abcdefgh')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual([
      '请输入以 1 开头的 11 位手机号',
      '验证码是 6 位数字',
      '密码需同时包含字母和数字',
      '请先阅读并同意隐私政策',
    ])

    // Outside the mainland a number is 5 to 15 digits, and the area code names the country.
    await input(wrapper, 'phone-area').setValue('+852')
    await input(wrapper, 'phone').setValue('1234')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)[0]).toBe('请输入 5–15 位数字的手机号')
    expect(value(wrapper, 'country')).toBe('中国香港特别行政区')

    await wrapper.findAll('[data-testid="customer-by"] .van-radio')[1].trigger('click')
    await input(wrapper, 'email').setValue('not-an-address')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)[0]).toBe('邮箱格式不对')
    expect(calls.map((c) => c.cmd)).not.toContain('auth_customer_register')
  })

  it('speaks English when the user chose it', async () => {
    const { wrapper } = await mountApp(backend(undefined, 'en-US'), '/account/register')
    await input(wrapper, 'phone').setValue('123')
    await input(wrapper, 'password').setValue('ab1')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual([
      'Enter an 11-digit number starting with 1',
      'Enter your code',
      'Use 8 to 32 characters',
      'Read and accept the privacy policy first',
    ])
    expect(wrapper.get('[data-testid="password-rules"]').text()).toContain('Letters and digits')
  })

  it('checks the phone number once typing pauses and offers to sign in when it is taken', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_check_phone') throw { code: 'business', reason: { kind: 'backend', sentence: '该账号已注册' }, message: 'the detail, in English (code 1001)', trace: 't-1' }
        return undefined
      }),
      '/account/register?redirect=/account/switch',
    )
    vi.useFakeTimers()
    const checks = () => calls.filter((c) => c.cmd === 'auth_customer_check_phone')
    for (const typed of ['1390000000', '13900000001', '13900000002']) {
      await input(wrapper, 'phone').setValue(typed)
      await vi.advanceTimersByTimeAsync(200)
    }
    expect(checks()).toHaveLength(0)
    await vi.advanceTimersByTimeAsync(200)
    await flushPromises()
    expect(checks()).toHaveLength(1)
    expect(checks()[0].args).toEqual({ phoneArea: '+86', phone: '13900000002' })
    expect(wrapper.get('[data-testid="phone-refusal"]').text()).toBe('该账号已注册')

    // Typing again clears the refusal until the new number is checked.
    await input(wrapper, 'phone').setValue('1390000000')
    expect(wrapper.find('[data-testid="phone-refusal"]').exists()).toBe(false)
    await input(wrapper, 'phone').setValue('13900000002')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(checks()).toHaveLength(2)
    vi.useRealTimers()

    await wrapper.get('[data-testid="phone-sign-in"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.account.login'))
    expect(router.currentRoute.value.query).toEqual({
      family: 'customer',
      account: '13900000002',
      phoneArea: '+86',
      redirect: '/account/switch',
    })
    expect(value(wrapper, 'customer-login-name')).toBe('13900000002')
  })

  it("checks a planner's phone number with family C", async () => {
    const { wrapper, calls } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_planner_check_phone') throw { code: 'business', reason: { kind: 'backend', sentence: 'This account already exists.' }, message: 'the detail, in English (code 1001)', trace: null }
        return undefined
      }),
      '/account/register?family=planner',
    )
    vi.useFakeTimers()
    await input(wrapper, 'phone').setValue('13700000001')
    await vi.advanceTimersByTimeAsync(400)
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'auth_planner_check_phone').map((c) => c.args)).toEqual([{ phone: '13700000001' }])
    expect(calls.map((c) => c.cmd)).not.toContain('auth_customer_check_phone')
    expect(wrapper.get('[data-testid="phone-refusal"]').text()).toBe('This account already exists.')
  })

  it('registers a customer and leaves the number to sign in with', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_customer_register' ? 'C1001' : undefined)),
      '/account/register',
    )
    await fillCustomer(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_send_code')?.args).toEqual({
      target: { phoneArea: '+86', phone: '13900000009', email: null },
    })
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_customer_register')?.args).toEqual({
      input: {
        by: 'phone',
        loginName: '13900000009',
        phoneArea: '+86',
        code: '123456',
        password: 'abc12345',
        country: 'CN',
      },
    })
    expect(document.body.textContent).toContain('C1001')
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
    expect(value(wrapper, 'customer-login-name')).toBe('13900000009')
  })

  it('registers with the user centre, which signs the user in and continues', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_user_center_register' ? USER_CENTER_SESSION : undefined)),
      '/account/register?family=user_center&redirect=/account/password',
    )
    await input(wrapper, 'account').setValue('new@lcs.test')
    await wrapper.get('[data-testid="send-code"]').trigger('click')
    await flushPromises()
    await input(wrapper, 'code').setValue('654321')
    await input(wrapper, 'password').setValue('pass1234')
    await wrapper.get('[data-testid="privacy-accept"]').trigger('click')
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_send_code')?.args).toEqual({
      target: { phoneArea: null, phone: null, email: 'new@lcs.test' },
    })
    expect(calls.find((c) => c.cmd === 'auth_user_center_register')?.args).toEqual({
      input: { account: 'new@lcs.test', password: 'pass1234', code: '654321', remember: true },
    })
    expect(router.currentRoute.value.fullPath).toBe('/account/password')
  })

  it('shows the privacy policy, and accepting it ticks the box', async () => {
    const { wrapper, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_privacy_protocol' ? 'LCS 账户隐私政策\n\n一、我们收集的信息' : undefined)),
      '/account/register?family=user_center',
    )
    await wrapper.get('[data-testid="privacy-open"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'auth_privacy_protocol')).toHaveLength(1)
    expect(wrapper.get('[data-testid="privacy-text"]').text()).toContain('一、我们收集的信息')
    await wrapper.get('[data-testid="privacy-agree"]').trigger('click')
    expect(wrapper.get('[data-testid="privacy-accept"]').attributes('aria-checked')).toBe('true')
  })

  it("keeps the input and shows the server's words and trace when it refuses", async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_register') throw { code: 'business', reason: { kind: 'backend', sentence: '验证码错误' }, message: 'the detail, in English (code 1001)', trace: 't-77' }
        return undefined
      }),
      '/account/register',
    )
    await fillCustomer(wrapper)
    await submitForm(wrapper)
    expect(document.body.textContent).toContain('验证码错误')
    expect(await errorDetails()).toContain('t-77')
    expect(router.currentRoute.value.name).toBe('lcs.account.register')
    expect(value(wrapper, 'phone')).toBe('13900000009')
    expect(value(wrapper, 'code')).toBe('123456')
    expect(wrapper.get('[data-testid="register-submit"]').classes()).not.toContain('van-button--loading')
  })

  it('says so when the server cannot be reached', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_planner_register') throw { code: 'network', reason: { kind: 'backend', sentence: '无法连接服务器' }, message: 'the detail, in English (code 1001)', trace: null }
        return undefined
      }),
      '/account/register?family=planner',
    )
    await wrapper.findAll('[data-testid="planner-by"] .van-radio')[1].trigger('click')
    await input(wrapper, 'username').setValue('newplanner')
    await input(wrapper, 'password').setValue('abc12345')
    await wrapper.get('[data-testid="privacy-accept"]').trigger('click')
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_planner_register')?.args).toEqual({
      input: { username: 'newplanner', phone: null, email: null, code: null, password: 'abc12345' },
    })
    expect(document.body.textContent).toContain('无法连接服务器')
    expect(router.currentRoute.value.name).toBe('lcs.account.register')
    expect(value(wrapper, 'username')).toBe('newplanner')
  })

  it('sends one registration however often the user submits', async () => {
    let release: (value: string) => void = () => undefined
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_customer_register' ? new Promise<string>((resolve) => (release = resolve)) : undefined)),
      '/account/register',
    )
    await fillCustomer(wrapper)
    await submitForm(wrapper)
    expect(wrapper.get('[data-testid="register-submit"]').classes()).toContain('van-button--loading')
    await submitForm(wrapper)
    expect(calls.filter((c) => c.cmd === 'auth_customer_register')).toHaveLength(1)
    release('C1002')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
  })
})
