import { mockIPC, mockWindows } from '@tauri-apps/api/mocks'
import { mount, flushPromises, type VueWrapper } from '@vue/test-utils'
import { expect, vi } from 'vitest'
import type { Component } from 'vue'
import type { Router } from 'vue-router'
import { createPinia, setActivePinia } from 'pinia'
import App from './App.vue'
import { reportUnhandled } from './commands'
import { applyLanguage, i18n } from './i18n'
import { createAppRouter } from './router'
import { loadFirstScreen } from './firstScreen'

export type IpcHandler = (cmd: string, args: Record<string, unknown>) => unknown

/** What a test's backend throws for a command it does not answer. */
export class UnexpectedCommand extends Error {
  constructor(cmd: string) {
    super(`unexpected command ${cmd}`)
  }
}

/** Refuses `cmd` as a command the test did not expect: the test then fails (see `takeUnexpected`). */
export function unexpectedCommand(cmd: string): never {
  throw new UnexpectedCommand(cmd)
}

/**
 * The commands the UI sent that no test backend answered. The app may swallow the refusal (a
 * page shows an error, a store keeps its cache), so the test fails on them after it ends.
 */
const unexpected: string[] = []

/** The unexpected commands since the last call, emptied. */
export function takeUnexpected(): string[] {
  return unexpected.splice(0)
}

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
        if (!(error instanceof UnexpectedCommand)) throw error
        // The app's frame asks these of every page; a test answers them only when it cares.
        if (cmd in FRAME_DEFAULTS) return FRAME_DEFAULTS[cmd]
        unexpected.push(cmd)
        throw error
      }
    },
    { shouldMockEvents: true },
  )
  const pinia = createPinia()
  setActivePinia(pinia)
  applyLanguage('zh-CN')
  const router = createAppRouter()
  await loadEveryPage(router)
  await router.push(path)
  // A previous test's app, still reacting while the pages load, may have made its own stores
  // the active ones: the first screen loads into this app's.
  setActivePinia(pinia)
  await loadFirstScreen()
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
  // Home and Settings name the member account by its cached profile's nickname.
  profile_user_info: { data: {}, source: 'cache', fetchedAt: null, stale: false, offline: false },
  // The chat page tells Rust which thread to keep looking at.
  message_watch_thread: null,
  message_unwatch_thread: null,
}

/**
 * A backend for a page test: `extra` answers what the test is about (undefined for the rest),
 * and what every page asks on start is answered signed out (or with `overview`) in Chinese.
 */
export function pageBackend(extra: IpcHandler, overview: unknown = SIGNED_OUT, language = 'zh-CN'): IpcHandler {
  return (cmd, args) => {
    const answer = extra(cmd, args)
    if (answer !== undefined) return answer
    switch (cmd) {
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language }
      case 'app_info':
        return APP_INFO
      case 'environment_demo_accounts':
        return []
      default:
        return unexpectedCommand(cmd)
    }
  }
}

/** Submits the page's form and waits until Vant has validated it and the page has acted. */
export async function submitForm(wrapper: VueWrapper) {
  await wrapper.get('form').trigger('submit')
  await flushPromises()
  // Vant validates the fields one promise after another.
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

/** The text of every field error the form shows. */
export function fieldErrors(wrapper: VueWrapper): string[] {
  return wrapper.findAll('.van-field__error-message').map((error) => error.text())
}

/** Waits until a navigation reaches `name`, its page's chunk loaded and the page mounted. */
/**
 * In the app a page's chunk loads when the page is first opened; a test starts with every page
 * loaded, as the router keeps them after their first load, so a tap shows its page at once.
 */
async function loadEveryPage(router: Router) {
  await Promise.all(
    router.getRoutes().map(async (record) => {
      const page = record.components?.default
      if (record.components && typeof page === 'function') {
        record.components.default = (await (page as () => Promise<{ default: Component }>)()).default
      }
    }),
  )
}

export async function arrivedAt(router: Router, name: string) {
  await vi.waitFor(() => expect(router.currentRoute.value.name).toBe(name))
  await flushPromises()
}

/** Opens the details behind the error toast on screen: Rust's message and the trace id. */
export async function errorDetails(): Promise<string> {
  document.querySelector<HTMLElement>('.error-toast [data-testid="error-details"]')?.click()
  await flushPromises()
  return document.querySelector('.error-details-dialog')?.textContent ?? ''
}
