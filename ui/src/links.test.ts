import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { APP_INFO, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from './testing'

const PERSONINFO = { name: 'lcs.account.personinfo', path: '/account/personinfo', query: {}, needsLogin: true }
const LOGIN = { name: 'lcs.account.login', path: '/account/login', query: { redirect: '/account/personinfo' }, needsLogin: false }

function backend(pending: unknown): IpcHandler {
  let inbox = pending
  return (cmd) => {
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'environment_demo_accounts':
        return []
      // What Settings, where the app runs when a link arrives, and the linked address list ask.
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return { current: 'sandbox', environments: [] }
      case 'address_list':
        return { data: [], source: 'cache', fetchedAt: null, stale: false, offline: false }
      case 'links_take': {
        const taken = inbox
        inbox = null
        return taken
      }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('lcs:// links', () => {
  it('a link that started the app opens sign-in first, then continues to the page', async () => {
    const { router } = await mountApp(
      backend({ link: 'lcs://lcs.account.personinfo', navigation: { kind: 'loginFirst', login: LOGIN, then: PERSONINFO }, problem: null }),
    )
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
    expect(router.currentRoute.value.query.redirect).toBe('/account/personinfo')
  })

  it('a link arriving while the app runs opens its page', async () => {
    const { router } = await mountApp(backend(null), '/settings')
    await emit('link-opened', { link: 'lcs://lcs.address.list', navigation: { kind: 'open', route: { name: 'lcs.address.list', path: '/address', query: {}, needsLogin: true } }, problem: null })
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/address')
  })

  it('a link naming no known page opens Home and says why', async () => {
    const { router } = await mountApp(
      backend({
        link: 'lcs://lcs.nope',
        navigation: null,
        problem: {
          code: 'invalid_input',
          reason: { kind: 'link', problem: { kind: 'route', error: { kind: 'unknownRoute', name: 'lcs.nope' } } },
          message: 'no page named "lcs.nope"',
          trace: null,
        },
      }),
      '/settings',
    )
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.home')
    expect(document.body.textContent).toContain('无法打开这个链接')
    expect(document.body.textContent).toContain('没有名为“lcs.nope”的页面')
    expect(document.body.textContent).toContain('lcs://lcs.nope')
    expect(document.body.textContent).not.toContain('no page named')
  })
})
