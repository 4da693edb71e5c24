import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const CUSTOMER = { family: 'customer', account: '1', displayName: 'demo@lcs.test', persisted: true, verified: true, mode: 'real' }
const ACCOUNTS = [
  { accountId: '10', mode: 'real', currency: 'USDT', balance: '2580.5000', active: true, data: {} },
  { accountId: '20', mode: 'demo', currency: 'USDT', balance: '99000.0000', active: false, data: {} },
]
/** When the sign-in answered the balances: 9:05 on 2 January 2025. */
const FETCHED_AT = new Date(2025, 0, 2, 9, 5).getTime()

function backend(overview: unknown, extra: Record<string, IpcHandler> = {}): IpcHandler {
  return (cmd, args) => {
    if (extra[cmd]) return extra[cmd](cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language: 'zh-CN' }
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

function confirmDialog() {
  ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
}

describe('Trading accounts', () => {
  it('asks a signed-out user to sign in and come back', async () => {
    const { wrapper } = await mountApp(backend(SIGNED_OUT), '/account/switch')
    expect(wrapper.text()).toContain('登录交易账户后管理真实账户与模拟账户')
  })

  it('shows each balance as money with the time it is from, and names the account in use as the list does', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [CUSTOMER] }), '/account/switch')
    expect(wrapper.get('[data-testid="trading-real"]').text()).toContain('2,580.50 USDT')
    expect(wrapper.get('[data-testid="trading-demo"]').text()).toContain('99,000.00 USDT')
    expect(wrapper.get('[data-testid="trading-as-of"]').text()).toBe('余额为最近一次登录（2025/1/2 9:05）时的数据。')
    const inUse = wrapper.get('[data-testid="trading-mode"]').text()
    expect(inUse).toContain('#10')
    expect(inUse).toContain('2,580.50 USDT')
    expect(inUse).not.toContain('demo@lcs.test')

    applyLanguage('en-US')
    await flushPromises()
    expect(wrapper.get('[data-testid="trading-real"]').text()).toContain('2,580.50 USDT')
    expect(wrapper.get('[data-testid="trading-as-of"]').text()).toBe('Balances as of your last sign-in, 1/2/2025, 9:05 AM.')
    applyLanguage('zh-CN')
  })

  // One test: Vant's dialog is a single instance per test file.
  it('lists both accounts, switches after asking, and resets the demo account after a warning', async () => {
    const { wrapper, calls } = await mountApp(
      backend(
        { ...SIGNED_OUT, sessions: [CUSTOMER] },
        { auth_customer_switch_mode: () => ({ ...CUSTOMER, mode: 'demo' }), auth_customer_reset_demo: () => null },
      ),
      '/account/switch',
    )
    expect(wrapper.get('[data-testid="trading-real"]').text()).toContain('当前')
    expect(wrapper.get('[data-testid="trading-switch"]').text()).toBe('切换到模拟账户')

    await wrapper.get('[data-testid="trading-switch"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('切换到模拟账户？')
    confirmDialog()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('auth_customer_switch_mode')

    await wrapper.get('[data-testid="trading-reset"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('不能撤销')
    const confirm = document.querySelector('.van-dialog__confirm') as HTMLElement
    expect(confirm.textContent).toBe('重置')
    expect(confirm.style.color).toBe('var(--van-danger-color)')
    expect(calls.map((c) => c.cmd)).not.toContain('auth_customer_reset_demo')
    confirmDialog()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('auth_customer_reset_demo')
  })
})
