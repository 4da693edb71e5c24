// A page in a DOM (jsdom) with the app's bridge script injected as Rust injects it, and the
// app's IPC replaced by a recorder that answers as Rust does.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { JSDOM } from 'jsdom'

const require = createRequire(import.meta.url)
const SCRIPT = readFileSync(new URL('../../src-tauri/bridge.js', import.meta.url), 'utf8')
const DSBRIDGE = readFileSync(require.resolve('dsbridge/dist/dsbridge.js'), 'utf8')
const ORIGIN = 'https://h5.lcs.test'

export const APP_INFO = { code: 0, msg: 'ok', data: { version: '0.1.0', platform: 'linux', language: 'zh-CN' } }
// As lcs-core's `page_state` writes it.
export const STATE = {
  answers: {
    getAppInfo: APP_INFO,
    getNetType: { code: 0, msg: 'ok', data: { type: 'unknown' } },
  },
  callbackOnly: { code: 1009, msg: 'this method answers through a callback only', data: null },
  noDefaultHandler: { code: 1001, msg: 'the app has no default handler; call a method by name', data: null },
}
const METHODS = ['openPage', 'closePage', 'toast', 'showLoading', 'hideLoading', 'getNetType', 'getAppInfo']

/** The app's answer to every call unless a test says otherwise. */
const echo = (request) => ({ code: 0, msg: 'ok', data: { echo: request.method } })

/**
 * A page at ORIGIN with the bridge script injected (unless `injected` is false: a page outside
 * the app), and the DSBridge library loaded before or after it (or not at all). The app
 * answers each call with `answer(request)`, as text when the page sent text, as Rust does.
 */
export function page({ library, injected = true, answer = echo } = {}) {
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    url: `${ORIGIN}/page.html`,
    runScripts: 'outside-only',
  })
  const { window } = dom
  const sent = []
  window.__TAURI_INTERNALS__ = {
    invoke(command, args) {
      assert.equal(command, 'bridge_call')
      const request = JSON.parse(args.request)
      sent.push(request)
      const reply = answer(request)
      return Promise.resolve(typeof request.data === 'string' ? JSON.stringify(reply) : reply)
    },
  }
  const script = SCRIPT.replace(
    '__LCS_BRIDGE_SCOPES__',
    JSON.stringify([{ origin: ORIGIN, path: null, methods: METHODS }]),
  ).replace('__LCS_BRIDGE_STATE__', JSON.stringify(STATE))
  const inject = () => window.eval(script)
  if (library === 'before') window.eval(DSBRIDGE)
  if (injected) inject()
  if (library === 'after') window.eval(DSBRIDGE)
  return { window, sent, inject }
}

