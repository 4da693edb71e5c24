import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const USER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const PROFILE = {
  user_nickname: '演示用户',
  user_gender: 2,
  user_email: 'demo@lcs.test',
  user_mobile: '13800000001',
  user_is_authentication: 1,
  user_level_name: '白银会员',
  user_exp: 320,
}

function backend(overview: unknown): IpcHandler {
  return (cmd) => {
    switch (cmd) {
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'environment_demo_accounts':
        return []
      case 'profile_user_info':
        return { data: PROFILE, source: 'cache', fetchedAt: 1, stale: false, offline: false }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('Personal information', () => {
  it('shows the cached profile in words, with the phone and e-mail masked', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [USER] }), '/account/personinfo')
    const page = wrapper.get('[data-testid="personinfo"]').text()
    expect(wrapper.get('[data-testid="person-nickname"]').text()).toBe('演示用户')
    expect(page).toContain('女')
    expect(page).toContain('审核中')
    expect(page).toContain('白银会员 · 320 经验')
    expect(page).toContain('138****0001')
    expect(page).toContain('d***@lcs.test')
    expect(page).not.toContain('13800000001')
  })

  it('leads to the editor, the mobile number and certification', async () => {
    const { wrapper, router } = await mountApp(backend({ ...SIGNED_OUT, sessions: [USER] }), '/account/personinfo')
    expect(wrapper.get('[data-testid="person-edit"]').attributes('href')).toBe('#/account/edit')
    expect(wrapper.get('[data-testid="person-edit"]').text()).toContain('编辑资料')
    await wrapper.get('[data-testid="person-mobile"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.account.mobile')
  })

  it('says the avatar needs the Adviser account, with a way into it that comes back', async () => {
    const { wrapper, router } = await mountApp(backend({ ...SIGNED_OUT, sessions: [USER] }), '/account/personinfo')
    const adviser = wrapper.get('[data-testid="person-planner"]')
    expect(adviser.text()).toContain('头像保存在理财师账户中，登录理财师账户后即可更换')
    await adviser.get('[data-testid="sign-in-planner"]').trigger('click')
    await arrivedAt(router, 'lcs.account.login')
    expect(router.currentRoute.value.query).toEqual({ family: 'planner', redirect: '/account/personinfo' })
  })

  it('says the profile needs the Member account when only the Adviser account is signed in', async () => {
    const planner = { ...USER, family: 'planner', account: 'demo', displayName: 'demo' }
    const { wrapper } = await mountApp(
      (cmd, args) =>
        cmd === 'profile_account_detail'
          ? { data: { data: { username: 'demo' } }, source: 'cache', fetchedAt: 1, stale: false, offline: false }
          : backend({ ...SIGNED_OUT, sessions: [planner] })(cmd, args),
      '/account/personinfo',
    )
    expect(wrapper.get('[data-testid="needs-user_center"]').text()).toContain('登录会员账户后查看个人信息')
    expect(wrapper.get('[data-testid="person-planner"]').text()).toContain('demo')
  })

  it('asks a signed-out user to sign in and come back', async () => {
    const { wrapper } = await mountApp(backend(SIGNED_OUT), '/account/personinfo')
    expect(wrapper.text()).toContain('登录会员账户后查看个人信息')
  })
})
