import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { errorDetails, fieldErrors, mountApp, pageBackend, submitForm, type IpcHandler } from '../testing'

function backend(extra: IpcHandler = () => undefined, language = 'zh-CN'): IpcHandler {
  return pageBackend((cmd, args) => {
    const answer = extra(cmd, args)
    if (answer !== undefined) return answer
    return cmd === 'auth_send_code' ? { resendAfterSeconds: 60 } : undefined
  }, undefined, language)
}

const input = (wrapper: VueWrapper, testid: string) => wrapper.get(`[data-testid="${testid}"] input`)
const value = (wrapper: VueWrapper, testid: string) => (input(wrapper, testid).element as HTMLInputElement).value

/** Family A's first step: the phone, a code sent to it, and the code typed in. */
async function verifyPhone(wrapper: VueWrapper) {
  await input(wrapper, 'phone').setValue('13800000001')
  await wrapper.get('[data-testid="send-code"]').trigger('click')
  await flushPromises()
  await input(wrapper, 'code').setValue('246810')
  await submitForm(wrapper)
}

async function typeNewPassword(wrapper: VueWrapper, password = 'new12345', confirm = password) {
  await input(wrapper, 'password').setValue(password)
  await input(wrapper, 'confirm').setValue(confirm)
}

afterEach(() => {
  vi.useRealTimers()
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Forgotten password', () => {
  it('says what is wrong before sending anything', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/account/forgetpwd')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['请填写手机号', '请填写验证码'])

    await input(wrapper, 'phone-area').setValue('86x')
    await input(wrapper, 'code').setValue('12ab')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['区号格式不对，例如 +86', '请填写手机号', '验证码是 6 位数字'])

    // The user centre takes a mobile number or an e-mail address, and the same password twice.
    await wrapper.findAll('[data-testid="forgot-families"] .van-tab')[1].trigger('click')
    await input(wrapper, 'account').setValue('someone')
    await typeNewPassword(wrapper, 'abc12345', 'abc12346')
    expect(wrapper.get('[data-testid="password-rules"]').text()).toContain('同时包含字母和数字')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['请输入 11 位手机号或邮箱', '请填写验证码', '两次输入的密码不一致'])
    expect(calls.map((c) => c.cmd).filter((cmd) => cmd.startsWith('auth_') && cmd !== 'auth_overview')).toEqual([])
  })

  it('speaks English when the user chose it', async () => {
    const { wrapper } = await mountApp(backend(undefined, 'en-US'), '/account/forgetpwd?family=planner')
    await input(wrapper, 'phone').setValue('1380000')
    await typeNewPassword(wrapper, 'abc12345', 'abc')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['Enter an 11-digit number starting with 1', 'Enter your code', 'The two passwords differ'])
    expect(wrapper.get('[data-testid="forgot-submit"]').text()).toBe('Reset password')
  })

  it('counts down before another code may be sent', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/account/forgetpwd?family=planner')
    const button = () => wrapper.get('[data-testid="send-code"]')
    expect(button().attributes('disabled')).toBeDefined()
    await input(wrapper, 'phone').setValue('13700000001')
    vi.useFakeTimers()
    await button().trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'auth_send_code').map((c) => c.args)).toEqual([
      { target: { phoneArea: '+86', phone: '13700000001', email: null } },
    ])
    expect(button().text()).toBe('60 秒后重发')
    await button().trigger('click')
    await vi.advanceTimersByTimeAsync(59_000)
    expect(button().text()).toBe('1 秒后重发')
    await vi.advanceTimersByTimeAsync(1_000)
    expect(button().text()).toBe('发送验证码')
    expect(calls.filter((c) => c.cmd === 'auth_send_code')).toHaveLength(1)
  })

  it("resets a customer's password in two steps and leaves the phone to sign in with", async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_customer_check_retrieval' || cmd === 'auth_customer_retrieve_password' ? null : undefined)),
      '/account/forgetpwd?redirect=/account/switch',
    )
    await verifyPhone(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_customer_check_retrieval')?.args).toEqual({
      phoneArea: '+86',
      phone: '13800000001',
      code: '246810',
    })
    expect(wrapper.find('[data-testid="code"]').exists()).toBe(false)
    await typeNewPassword(wrapper)
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_customer_retrieve_password')?.args).toEqual({ newPassword: 'new12345' })
    expect(document.body.textContent).toContain('密码已重置')
    expect(router.currentRoute.value.query).toEqual({
      family: 'customer',
      account: '13800000001',
      phoneArea: '+86',
      redirect: '/account/switch',
    })
    expect(value(wrapper, 'customer-login-name')).toBe('13800000001')
  })

  it("resets a planner's password with the code and the new password at once", async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_planner_reset_password' ? null : undefined)),
      '/account/forgetpwd?family=planner',
    )
    await input(wrapper, 'phone').setValue('13700000001')
    await input(wrapper, 'code').setValue('135790')
    await typeNewPassword(wrapper)
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_planner_reset_password')?.args).toEqual({
      input: { phoneArea: null, account: '13700000001', code: '135790', newPassword: 'new12345' },
    })
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
    expect(value(wrapper, 'planner-username')).toBe('13700000001')
  })

  it("stays on the first step with the input kept when the code is refused", async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_customer_check_retrieval') throw { code: 'business', reason: { kind: 'backend', sentence: '验证码错误' }, message: 'the detail, in English (code 1001)', trace: 't-5' }
        return undefined
      }),
      '/account/forgetpwd',
    )
    await verifyPhone(wrapper)
    expect(document.body.textContent).toContain('验证码错误')
    expect(await errorDetails()).toContain('t-5')
    expect(router.currentRoute.value.name).toBe('lcs.account.forgetpwd')
    expect(value(wrapper, 'phone')).toBe('13800000001')
    expect(value(wrapper, 'code')).toBe('246810')
    expect(wrapper.find('[data-testid="password"]').exists()).toBe(false)
  })

  it('says so when the server cannot be reached, keeping the new password', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_user_center_reset_password') throw { code: 'network', reason: { kind: 'backend', sentence: '无法连接服务器' }, message: 'the detail, in English (code 1001)', trace: null }
        return undefined
      }),
      '/account/forgetpwd?family=user_center',
    )
    await input(wrapper, 'account').setValue('demo@lcs.test')
    await input(wrapper, 'code').setValue('111222')
    await typeNewPassword(wrapper)
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_user_center_reset_password')?.args).toEqual({
      input: { phoneArea: null, account: 'demo@lcs.test', code: '111222', newPassword: 'new12345' },
    })
    expect(document.body.textContent).toContain('无法连接服务器')
    expect(router.currentRoute.value.name).toBe('lcs.account.forgetpwd')
    expect(value(wrapper, 'password')).toBe('new12345')
  })

  it('sends one reset however often the user submits', async () => {
    let release: () => void = () => undefined
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_planner_reset_password' ? new Promise<null>((resolve) => (release = () => resolve(null))) : undefined)),
      '/account/forgetpwd?family=planner',
    )
    await input(wrapper, 'phone').setValue('13700000001')
    await input(wrapper, 'code').setValue('135790')
    await typeNewPassword(wrapper)
    await submitForm(wrapper)
    await submitForm(wrapper)
    expect(wrapper.get('[data-testid="forgot-submit"]').classes()).toContain('van-button--loading')
    expect(calls.filter((c) => c.cmd === 'auth_planner_reset_password')).toHaveLength(1)
    release()
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
  })
})
