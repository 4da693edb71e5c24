import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { errorDetails, fieldErrors, mountApp, pageBackend, SIGNED_OUT, submitForm, type IpcHandler } from '../testing'

const PLANNER = {
  family: 'planner',
  account: '1',
  displayName: 'demo',
  persisted: true,
  verified: true,
  mode: null,
}
const SIGNED_IN = { ...SIGNED_OUT, sessions: [PLANNER] }

const backend = (extra: IpcHandler = () => undefined, language = 'zh-CN') => pageBackend(extra, SIGNED_IN, language)
const input = (wrapper: VueWrapper, testid: string) => wrapper.get(`[data-testid="${testid}"] input`)
const value = (wrapper: VueWrapper, testid: string) => (input(wrapper, testid).element as HTMLInputElement).value

async function fill(wrapper: VueWrapper, old: string, password: string, confirm = password) {
  await input(wrapper, 'old-password').setValue(old)
  await input(wrapper, 'password').setValue(password)
  await input(wrapper, 'confirm').setValue(confirm)
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Password change', () => {
  it('asks a visitor who is not signed in as a planner to sign in first, and comes back', async () => {
    const { wrapper, router } = await mountApp(pageBackend(() => undefined), '/account/password')
    expect(wrapper.get('[data-testid="password-signed-out"]').text()).toContain('请先登录理财师账户')
    await wrapper.get('[data-testid="password-signed-out"] button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ family: 'planner', redirect: '/account/password' })
    expect(wrapper.findAll('[data-testid="login-families"] .van-tab')[2].classes()).toContain('van-tab--active')
  })

  it('shows the rules and says what is wrong before sending anything', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/account/password')
    expect(wrapper.get('[data-testid="password-rules"]').text()).toContain('同时包含字母和数字')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['请填写原密码', '请填写新密码', '再次输入新密码'])
    await fill(wrapper, 'demo1234', 'short1', 'short2')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['密码需为 8–32 位', '两次输入的密码不一致'])
    expect(calls.map((c) => c.cmd)).not.toContain('auth_planner_change_password')
  })

  it('speaks English when the user chose it', async () => {
    const { wrapper } = await mountApp(backend(undefined, 'en-US'), '/account/password')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['Enter your old password', 'Enter your new password', 'Type the new password again'])
    expect(wrapper.get('[data-testid="password-page"]').text()).toContain('Adviser account demo')
  })

  it('changes the password and goes back where the user came from', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) => (cmd === 'auth_planner_change_password' ? null : undefined)),
      '/account/forgetpwd?family=planner',
    )
    await router.push('/account/password')
    await flushPromises()
    await fill(wrapper, 'demo1234', 'better123')
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'auth_planner_change_password')?.args).toEqual({
      input: { oldPassword: 'demo1234', newPassword: 'better123' },
    })
    // Said on the page the user lands on.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.account.forgetpwd'))
    await vi.waitFor(() => expect(document.body.textContent).toContain('密码已修改'))
  })

  it("keeps the input and shows the server's words when the old password is wrong", async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_planner_change_password') throw { code: 'business', reason: { kind: 'backend', sentence: '旧密码错误' }, message: 'the detail, in English (code 1001)', trace: 't-4' }
        return undefined
      }),
      '/account/password',
    )
    await fill(wrapper, 'wrong123', 'better123')
    await submitForm(wrapper)
    expect(document.body.textContent).toContain('旧密码错误')
    expect(await errorDetails()).toContain('t-4')
    expect(router.currentRoute.value.name).toBe('lcs.account.password')
    expect(value(wrapper, 'old-password')).toBe('wrong123')
    expect(value(wrapper, 'password')).toBe('better123')
  })

  it('says so when the server cannot be reached', async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_planner_change_password') throw { code: 'network', reason: { kind: 'backend', sentence: '无法连接服务器' }, message: 'the detail, in English (code 1001)', trace: null }
        return undefined
      }),
      '/account/password',
    )
    await fill(wrapper, 'demo1234', 'better123')
    await submitForm(wrapper)
    expect(document.body.textContent).toContain('无法连接服务器')
    expect(router.currentRoute.value.name).toBe('lcs.account.password')
  })

  it('sends the change once however often the user submits', async () => {
    let release: () => void = () => undefined
    const { wrapper, router, calls } = await mountApp(
      backend((cmd) =>
        cmd === 'auth_planner_change_password' ? new Promise((resolve) => (release = () => resolve(null))) : undefined,
      ),
      '/account/forgetpwd?family=planner',
    )
    await router.push('/account/password')
    await flushPromises()
    await fill(wrapper, 'demo1234', 'better123')
    await submitForm(wrapper)
    await submitForm(wrapper)
    expect(wrapper.get('[data-testid="password-submit"]').classes()).toContain('van-button--loading')
    expect(calls.filter((c) => c.cmd === 'auth_planner_change_password')).toHaveLength(1)
    release()
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.account.forgetpwd'))
  })
})
