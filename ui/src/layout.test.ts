import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { APP_INFO, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from './testing'

const SESSION = { family: 'user_center', account: '7', displayName: 'demo', label: null, mode: null, verified: true }

function backend(): IpcHandler {
  return (cmd) => {
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions: [SESSION] }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return { current: 'sandbox', environments: [] }
      case 'auth_pending_edits':
        return 0
      case 'auth_sign_out':
        return null
      case 'address_list':
        return { data: [], source: 'cache', fetchedAt: null, stale: false, offline: false }
      case 'message_unread':
        return { data: { total: 4 }, source: 'cache', fetchedAt: null, stale: false, offline: false }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

/** A window `width` pixels wide, as far as the app's media query can tell. */
function windowWidth(width: number) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: query === '(min-width: 900px)' && width >= 900,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }))
}

afterEach(() => {
  vi.unstubAllGlobals()
  clearMocks()
  document.body.innerHTML = ''
})

describe('layout and keyboard', () => {
  it('puts a navigation rail beside the page on a wide window, and a tab bar below it on a narrow one', async () => {
    windowWidth(1280)
    const wide = await mountApp(backend(), '/settings')
    expect(wide.wrapper.find('[data-testid="tabbar"]').exists()).toBe(false)
    const rail = wide.wrapper.get('[data-testid="rail"]')
    expect(rail.text()).toContain('收货地址')
    expect(rail.get('[data-testid="rail-lcs.message.list"]').text()).toContain('4')
    await rail.get('[data-testid="rail-lcs.address.list"]').trigger('click')
    await flushPromises()
    expect(wide.router.currentRoute.value.name).toBe('lcs.address.list')
    wide.wrapper.unmount()

    windowWidth(420)
    const narrow = await mountApp(backend(), '/settings')
    expect(narrow.wrapper.find('[data-testid="rail"]').exists()).toBe(false)
    expect(narrow.wrapper.find('[data-testid="tabbar"]').exists()).toBe(true)
  })

  it('closes a question with Esc as its cancel button would, sending nothing', async () => {
    windowWidth(420)
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    await wrapper.get('[data-testid="sign-out-user_center"]').trigger('click')
    await flushPromises()
    const dialog = document.querySelector<HTMLElement>('.van-dialog')
    expect(dialog?.style.display).not.toBe('none')

    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(dialog?.style.display).toBe('none')
    expect(calls.map((c) => c.cmd)).not.toContain('auth_sign_out')
  })
})
