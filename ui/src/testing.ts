import { mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import App from './App.vue'
import { reportUnhandled } from './commands'
import { applyLanguage, i18n } from './i18n'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'

export type IpcHandler = (cmd: string, args: Record<string, unknown>) => unknown

/**
 * Mounts the whole app as main.ts does, with Rust replaced by `handler` at the IPC boundary.
 * Every call is recorded so a test can assert what the UI asked Rust to do.
 */
export async function mountApp(handler: IpcHandler, path = '/') {
  const calls: { cmd: string; args: Record<string, unknown> }[] = []
  mockWindows('main')
  mockIPC(
    (cmd, args) => {
      const payload = (args ?? {}) as Record<string, unknown>
      calls.push({ cmd, args: payload })
      try {
        return handler(cmd, payload)
      } catch (error) {
        // The app's frame asks these of every page; a test answers them only when it cares.
        if (cmd in FRAME_DEFAULTS) return FRAME_DEFAULTS[cmd]
        throw error
      }
    },
    { shouldMockEvents: true },
  )
  const pinia = createPinia()
  setActivePinia(pinia)
  applyLanguage('zh-CN')
  const router = createAppRouter()
  await router.push(path)
  await useSettingsStore().load()
  const wrapper = mount(App, { global: { plugins: [pinia, i18n, router], config: { errorHandler: reportUnhandled } }, attachTo: document.body })
  await router.isReady()
  await flushPromises()
  return { wrapper, router, calls }
}

export const APP_INFO = {
  version: '0.1.0',
  identifier: 'com.lcs.account',
  tauriVersion: '2.12.5',
  build: 'debug',
}

/** What `auth_overview` answers with nobody signed in and a working keychain. */
export const SIGNED_OUT = { sessions: [], keychain: { available: true, problem: null }, signedOutBecause: null }

/** What the app's frame asks on start, answered for tests that do not handle it. */
const FRAME_DEFAULTS: Record<string, unknown> = {
  links_take: null,
  // The tab bar's unread badge, asked while the user centre is signed in.
  message_unread: { data: { total: 0 }, source: 'cache', fetchedAt: null, stale: false, offline: false },
}
