import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { APP_INFO, arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const CUSTOMER = { family: 'customer', account: '1', displayName: 'demo@lcs.test', persisted: true, verified: true, mode: 'real' }
const MEMBER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }

/** Rust's side: `sessions` signed in, `pending` edits waiting per family, sign-outs ending them. */
function backend(sessions: { family: string }[], pending: Record<string, number> = {}): IpcHandler {
  return (cmd, args) => {
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return { current: 'sandbox', environments: [] }
      case 'environment_demo_accounts':
        return []
      case 'profile_user_info':
        return { data: { user_nickname: '小明' }, source: 'cache', fetchedAt: null, stale: false, offline: false }
      case 'auth_pending_edits':
        return pending[args.family as string] ?? 0
      case 'auth_sign_out':
        // As Rust does: the session ends and the UI hears it.
        void emit('auth-state', { change: 'signed_out', reason: 'user', family: args.family, account: 'x', session: null })
        return null
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Accounts in Settings', () => {
  it('lists the three sign-ins by what they hold, who is signed in to each, and a way into the others', async () => {
    const { wrapper, router } = await mountApp(backend([CUSTOMER, MEMBER]), '/settings')
    const account = wrapper.get('[data-testid="account"]')
    expect(account.get('[data-testid="session-customer"]').text()).toContain('交易账户demo@lcs.test')
    // The member account is named by its nickname rather than the phone number it signed in with.
    expect(account.get('[data-testid="session-user_center"]').text()).toContain('会员账户小明')
    const adviser = account.get('[data-testid="signed-out-planner"]')
    expect(adviser.text()).toContain('理财师账户未登录头像与理财师资料')
    await adviser.get('[data-testid="sign-in-planner"]').trigger('click')
    await arrivedAt(router, 'lcs.account.login')
    expect(router.currentRoute.value.query).toEqual({ family: 'planner', redirect: '/settings' })
  })

  // One test: Vant's dialog is a single instance per test file.
  it('signs out of every account in one step, after one question that counts the edits still waiting', async () => {
    // Signed in to the member account first: the question names them as the list does.
    const { wrapper, calls } = await mountApp(backend([MEMBER, CUSTOMER], { user_center: 2 }), '/settings')
    await wrapper.get('[data-testid="sign-out-all"]').trigger('click')
    await flushPromises()
    expect(document.querySelector('.van-dialog')?.textContent).toContain(
      '还有 2 项修改尚未同步到服务器，退出会丢弃它们。仍要退出交易账户和会员账户？',
    )
    ;(document.querySelector('.van-dialog__cancel') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).not.toContain('auth_sign_out')

    await wrapper.get('[data-testid="sign-out-all"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'auth_sign_out').map((c) => c.args.family)).toEqual(['customer', 'user_center'])
    expect(wrapper.find('[data-testid^="session-"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="sign-out-all"]').exists()).toBe(false)
  })
})
