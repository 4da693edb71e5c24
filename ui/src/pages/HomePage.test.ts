import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const CUSTOMER = { family: 'customer', account: '1', displayName: 'demo@lcs.test', persisted: true, verified: true, mode: 'real' }
const MEMBER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const ACCOUNTS = [
  { accountId: '20', mode: 'demo', currency: 'USDT', balance: '100000.0000', active: false, data: {} },
  { accountId: '10', mode: 'real', currency: 'USDT', balance: '2580.5000', active: true, data: {} },
]
/** When the sign-in answered the balances: 9:05 on 2 January 2025. */
const FETCHED_AT = new Date(2025, 0, 2, 9, 5).getTime()

function backend(overview: unknown, profile: Record<string, unknown> = {}): IpcHandler {
  return (cmd) => {
    switch (cmd) {
      case 'profile_user_info':
        return { data: profile, source: 'cache', fetchedAt: FETCHED_AT, stale: false, offline: false }
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'environment_demo_accounts':
        return []
      case 'accounts_trading':
        return { data: ACCOUNTS, source: 'cache', fetchedAt: FETCHED_AT, stale: false, offline: false }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('Home', () => {
  it('invites a signed-out user to sign in', async () => {
    const { wrapper } = await mountApp(backend(SIGNED_OUT))
    expect(wrapper.get('[data-testid="home-status"]').text()).toBe('未登录')
    expect(wrapper.find('[data-testid="home-sign-in"]').exists()).toBe(true)
  })

  it("shows the customer's trading accounts from the cache, the active one first", async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [CUSTOMER] }))
    expect(wrapper.get('[data-testid="home-status"]').text()).toBe('demo@lcs.test')
    const accounts = wrapper.findAll('[data-testid^="home-account-"]')
    expect(accounts.map((a) => a.attributes('data-testid'))).toEqual(['home-account-real', 'home-account-demo'])
    expect(accounts[0].text()).toContain('2,580.50 USDT')
    expect(accounts[1].text()).toContain('100,000.00 USDT')
    expect(wrapper.get('[data-testid="home-accounts-as-of"]').text()).toBe('余额为最近一次登录（2025/1/2 9:05）时的数据。')
    expect(accounts[0].text()).toContain('当前')
    expect(wrapper.find('[data-testid="home-sign-in"]').exists()).toBe(false)
  })

  it('says the data is saved data while a restored session is unconfirmed, and updates on sign-out', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [{ ...CUSTOMER, verified: false }] }))
    expect(wrapper.get('[data-testid="home-offline"]').text()).toContain('离线')
    await emit('auth-state', { change: 'signed_out', reason: 'expired', family: 'customer', account: '1', session: null })
    await flushPromises()
    expect(wrapper.get('[data-testid="home-status"]').text()).toBe('未登录')
    expect(wrapper.get('[data-testid="signout-reason"]').text()).toContain('登录已过期')
    expect(wrapper.find('[data-testid^="home-account-"]').exists()).toBe(false)
  })

  it('says the trading accounts need the Trading account sign-in, and opens that form', async () => {
    const { wrapper, router } = await mountApp(backend({ ...SIGNED_OUT, sessions: [MEMBER] }))
    const needs = wrapper.get('[data-testid="needs-customer"]')
    expect(needs.text()).toContain('登录交易账户后，这里显示您的真实账户、模拟账户与余额')
    await needs.get('[data-testid="sign-in-customer"]').trigger('click')
    await arrivedAt(router, 'lcs.account.login')
    expect(router.currentRoute.value.query).toEqual({ family: 'customer' })
    expect(wrapper.get('[data-testid="family-covers"]').text()).toBe('交易账户 · 真实账户、模拟账户与余额')
  })

  it('lists the sign-ins made in the order Settings lists them, whatever the order they were made in', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [MEMBER] }))
    expect(wrapper.get('[data-testid="home-signed-in-to"]').text()).toBe('已登录：会员账户')
    await emit('auth-state', { change: 'signed_in', reason: null, family: 'customer', account: '1', session: CUSTOMER })
    await flushPromises()
    expect(wrapper.get('[data-testid="home-signed-in-to"]').text()).toBe('已登录：交易账户 · 会员账户')
  })

  it('says the profile, addresses, invoices and messages need the Member account, and opens that form', async () => {
    const { wrapper, router } = await mountApp(backend({ ...SIGNED_OUT, sessions: [CUSTOMER] }))
    const needs = wrapper.get('[data-testid="needs-user_center"]')
    expect(needs.text()).toContain('个人资料、地址、发票与消息需要登录会员账户')
    await needs.get('[data-testid="sign-in-user_center"]').trigger('click')
    await arrivedAt(router, 'lcs.account.login')
    expect(router.currentRoute.value.query).toEqual({ family: 'user_center' })
    expect(wrapper.findAll('[data-testid="login-families"] .van-tab')[1].classes()).toContain('van-tab--active')
  })

  it('names the member by the nickname once the profile has one, not by the phone number', async () => {
    const signedIn = { ...SIGNED_OUT, sessions: [MEMBER] }
    const { wrapper } = await mountApp(backend(signedIn, { user_nickname: '小明' }))
    expect(wrapper.get('[data-testid="home-status"]').text()).toBe('小明')
    expect(wrapper.find('[data-testid="needs-user_center"]').exists()).toBe(false)
    wrapper.unmount()

    const { wrapper: withoutNickname } = await mountApp(backend(signedIn))
    expect(withoutNickname.get('[data-testid="home-status"]').text()).toBe('13800000001')
  })

  it('names the member by the sign-in while offline without a cached profile, leaving the offline banner to say why', async () => {
    const offline: IpcHandler = (cmd, args) => {
      if (cmd === 'profile_user_info') throw { code: 'network', message: '网络不可用', trace: null }
      return backend({ ...SIGNED_OUT, sessions: [MEMBER] })(cmd, args)
    }
    const { wrapper } = await mountApp(offline)
    expect(wrapper.get('[data-testid="home-status"]').text()).toBe('13800000001')
    expect(document.querySelector('.van-toast')).toBeNull()
  })

  it('shows a person, not an empty picture frame, while the member has no avatar', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [MEMBER] }))
    const avatar = wrapper.get('[data-testid="home-avatar"]')
    expect(avatar.find('.van-icon-manager').exists()).toBe(true)
    expect(avatar.find('.van-icon-photo').exists()).toBe(false)
  })
})
