// The H5 authors' typed client (packages/jsbridge) against the app's own bridge script, over
// each protocol a page may have, and outside the app.

import assert from 'node:assert/strict'
import { afterEach, test } from 'node:test'
import { BAD_ANSWER, BridgeError, CODES, connect, NOT_IN_APP } from '../../packages/jsbridge/index.js'
import { page } from './page.mjs'

/** The client runs in the page: its globals are the page's. */
function inPage(window) {
  globalThis.window = window
  globalThis.document = window.document
}
afterEach(() => {
  delete globalThis.window
  delete globalThis.document
})

/** What the app answers: a page closed after a sign-in, and nobody signed in for the profile. */
function app(request) {
  if (request.method === 'openPage') return { code: 0, msg: 'ok', data: { loggedIn: true } }
  if (request.method === 'getUserInfo') return { code: 1007, msg: 'login required', data: null }
  return { code: 0, msg: 'ok', data: null }
}

test('the client speaks LcsBridge when the app offers it, and resolves with the data', async () => {
  const { window, sent } = page({ answer: app })
  inPage(window)
  const bridge = await connect()
  assert.equal(bridge.protocol, 'LcsBridge')
  assert.deepEqual(await bridge.openPage('lcs.account.login', { family: 'planner' }), { loggedIn: true })
  assert.deepEqual(JSON.parse(JSON.stringify(sent)), [
    { method: 'openPage', callbackId: '1', data: { family: 'planner', packageName: 'lcs.account.login' } },
  ])
})

test('an answer with another code rejects with a BridgeError carrying it', async () => {
  const { window } = page({ answer: app })
  inPage(window)
  const bridge = await connect()
  await assert.rejects(bridge.getUserInfo(), (error) => {
    assert.ok(error instanceof BridgeError)
    assert.equal(error.code, CODES.LOGIN_REQUIRED)
    assert.equal(error.code, 1007)
    assert.equal(error.method, 'getUserInfo')
    assert.equal(error.message, 'login required')
    return true
  })
})

test('on a page with only the official DSBridge library the client speaks dsBridge', async () => {
  const { window, sent } = page({ library: 'after', answer: app })
  delete window.LcsBridge
  inPage(window)
  const bridge = await connect()
  assert.equal(bridge.protocol, 'dsBridge')
  assert.deepEqual(await bridge.openPage('lcs.address.edit', { id: 7 }), { loggedIn: true })
  assert.deepEqual(JSON.parse(JSON.stringify(sent[0].data)), { id: 7, packageName: 'lcs.address.edit' })
})

test('on an Android JsBridge page the client reads the JSON text answers', async () => {
  const { window } = page({ answer: app })
  delete window.LcsBridge
  delete window.dsBridge
  window.WebViewJavascriptBridge.init(() => undefined)
  inPage(window)
  const bridge = await connect()
  assert.equal(bridge.protocol, 'WebViewJavascriptBridge')
  assert.deepEqual(await bridge.openPage('lcs.home'), { loggedIn: true })
})

test("the app's back button reaches the handler given to onNativeBack, over each protocol", async () => {
  for (const hide of [[], ['LcsBridge'], ['LcsBridge', 'dsBridge']]) {
    const { window } = page({ answer: app })
    for (const name of hide) delete window[name]
    inPage(window)
    const bridge = await connect()
    let asked = 0
    bridge.onNativeBack(() => {
      asked++
      return Promise.resolve(true)
    })
    const answer = await window.__lcsBridgeNotify('nativeBack', {})
    assert.deepEqual(typeof answer === 'string' ? JSON.parse(answer) : JSON.parse(JSON.stringify(answer)), { handled: true }, bridge.protocol)
    assert.equal(asked, 1)
  }
})

test('outside the app the client gives up after its timeout with NOT_IN_APP', async () => {
  const { window } = page({ injected: false })
  inPage(window)
  await assert.rejects(connect({ timeoutMs: 120 }), (error) => error instanceof BridgeError && error.code === NOT_IN_APP)
})

test('the client waits for a bridge that comes after it started looking', async () => {
  const { window, inject } = page({ injected: false, answer: app })
  inPage(window)
  const connecting = connect({ timeoutMs: 2000 })
  setTimeout(inject, 150)
  const bridge = await connecting
  assert.equal(bridge.protocol, 'LcsBridge')
})

test('an answer that is not {code, msg, data} rejects with BAD_ANSWER', async () => {
  const { window } = page({ answer: () => 'not an answer' })
  inPage(window)
  const bridge = await connect()
  await assert.rejects(bridge.getAppInfo(), (error) => error.code === BAD_ANSWER)
})
