// The injected bridge script's side of each protocol, in a DOM (jsdom) with the app's IPC
// replaced by a recorder: what each library sends, and the shape of what it gets back. The
// official DSBridge library is the npm package's own dist file, unmodified.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { APP_INFO, page, STATE } from './page.mjs'

/** Resolves with the first argument of the callback `start` is given. */
function answerOf(start) {
  return new Promise((resolve) => start(resolve))
}

/** A copy without the page's realm, for deepEqual. */
const plain = (value) => JSON.parse(JSON.stringify(value))

for (const library of ['after', 'before']) {
  test(`the official DSBridge library loaded ${library} the script calls the app and gets its answer`, async () => {
    const { window, sent } = page({ library })
    assert.equal(window.dsBridge, window.bridge, "the page's dsBridge is the library's")

    const answer = await answerOf((done) =>
      window.dsBridge.call('openPage', { packageName: 'lcs.account.login' }, done),
    )
    assert.deepEqual(plain(answer), { code: 0, msg: 'ok', data: { echo: 'openPage' } })
    assert.deepEqual(plain(sent), [{ method: 'openPage', callbackId: '1', data: { packageName: 'lcs.account.login' } }])
    assert.equal(window.dscb0, undefined, 'the one-shot callback is removed once answered')
  })
}

test('the DSBridge library answers getAppInfo without a callback from what the app said, and nothing is sent', () => {
  const { window, sent } = page({ library: 'after' })
  assert.deepEqual(plain(window.dsBridge.call('getAppInfo')), APP_INFO)
  assert.equal(window.dsBridge.call('getAppInfo', '{}'), JSON.stringify(APP_INFO), 'text in, text out')
  assert.deepEqual(plain(window.dsBridge.call('openPage', { packageName: 'lcs.account.login' })), STATE.callbackOnly)
  assert.deepEqual(sent, [])

  const english = structuredClone(STATE)
  english.answers.getAppInfo.data.language = 'en-US'
  window.__lcsBridgeState(english)
  assert.equal(window.dsBridge.call('getAppInfo').data.language, 'en-US', 'the app keeps the answer current')
})

test("the DSBridge library's hasNativeMethod knows the page's methods and which answer synchronously", () => {
  const { window } = page({ library: 'after' })
  assert.equal(window.dsBridge.hasNativeMethod('openPage'), true)
  assert.equal(window.dsBridge.hasNativeMethod('getUserInfo'), false, 'not offered to this origin')
  assert.equal(window.dsBridge.hasNativeMethod('getAppInfo', 'syn'), true)
  assert.equal(window.dsBridge.hasNativeMethod('openPage', 'syn'), false)
  assert.equal(window.dsBridge.hasNativeMethod('openPage', 'asyn'), true)
})

test('the DSBridge library with text arguments gets text back', async () => {
  const { window, sent } = page({ library: 'after' })
  const answer = await answerOf((done) => window.dsBridge.call('getNetType', '{}', done))
  assert.equal(answer, JSON.stringify({ code: 0, msg: 'ok', data: { echo: 'getNetType' } }))
  assert.equal(sent[0].data, '{}')
})

test("the app reaches the DSBridge library's handlers, synchronous and asynchronous", async () => {
  const { window } = page({ library: 'after' })
  const heard = []
  window.dsBridge.register('nativeBack', (data) => {
    heard.push(plain(data))
    return { handled: true }
  })
  assert.deepEqual(plain(await window.__lcsBridgeNotify('nativeBack', { from: 'app' })), { handled: true })
  assert.deepEqual(heard, [{ from: 'app' }])

  window.dsBridge.registerAsyn('nativeBack', (data, respond) => setTimeout(() => respond({ handled: false }), 0))
  delete window._dsf.nativeBack
  assert.deepEqual(plain(await window.__lcsBridgeNotify('nativeBack', {})), { handled: false })
  assert.equal(await window.__lcsBridgeNotify('noSuchHandler', {}), null)
})

test("the DSBridge library's close() closes the page through the app", () => {
  const { window, sent } = page({ library: 'after' })
  window.close()
  assert.deepEqual(plain(sent), [{ method: 'closePage', callbackId: '1' }])
})

test('a malformed call to the DSBridge native side is refused as DSBridge refuses it', () => {
  const { window, sent } = page()
  assert.equal(window._dsbridge.call('openPage', 'not json'), '{"code":-1}')
  assert.equal(window._dsbridge.call('_dsb.noSuchThing', '{}'), '{"code":-1}')
  assert.deepEqual(sent, [])
})

/** The Android JsBridge's connect pattern, as its pages carry it. */
function connect(window, callback) {
  if (window.WebViewJavascriptBridge) return callback(window.WebViewJavascriptBridge)
  window.document.addEventListener('WebViewJavascriptBridgeReady', () => callback(window.WebViewJavascriptBridge))
}

test('an Android JsBridge page initialises, calls with objects and gets JSON text', async () => {
  const { window, sent } = page()
  const bridge = await answerOf((done) => connect(window, done))
  bridge.init((message, respond) => respond('default handler'))

  const answer = await answerOf((done) => bridge.callHandler('openPage', { packageName: 'lcs.account.login' }, done))
  assert.equal(typeof answer, 'string')
  assert.deepEqual(JSON.parse(answer), { code: 0, msg: 'ok', data: { echo: 'openPage' } })
  assert.deepEqual(plain(sent[0].data), { packageName: 'lcs.account.login' })

  const sentToDefault = await answerOf((done) => bridge.send({ anything: 1 }, done))
  assert.deepEqual(JSON.parse(sentToDefault), STATE.noDefaultHandler)
  assert.equal(sent.length, 1, 'send asks the app nothing')
})

test("an Android JsBridge page's handlers hear the app in text and may answer in text", async () => {
  const { window } = page()
  const bridge = window.WebViewJavascriptBridge
  bridge.init(() => undefined)
  let heard
  bridge.registerHandler('nativeBack', (data, respond) => {
    heard = data
    respond(JSON.stringify({ handled: true }))
  })
  assert.equal(await window.__lcsBridgeNotify('nativeBack', {}), '{"handled":true}')
  assert.equal(heard, '{}')
})

test('a WebViewJavascriptBridge page that never calls init keeps the answer in the form it sent', async () => {
  const { window } = page()
  const bridge = window.WebViewJavascriptBridge
  bridge.disableJavscriptAlertBoxSafetyTimeout()
  const asObject = await answerOf((done) => bridge.callHandler('getAppInfo', {}, done))
  assert.deepEqual(plain(asObject), { code: 0, msg: 'ok', data: { echo: 'getAppInfo' } })
  const asText = await answerOf((done) => bridge.callHandler('getAppInfo', '{}', done))
  assert.equal(typeof asText, 'string')
})

test("the injected dsBridge answers the synchronous methods at once, as the library's does", () => {
  const { window, sent } = page()
  assert.deepEqual(plain(window.dsBridge.call('getAppInfo')), APP_INFO)
  assert.deepEqual(plain(window.dsBridge.call('toast', { message: 'hi' })), STATE.callbackOnly)
  assert.equal(window.dsBridge.hasNativeMethod('getNetType', 'syn'), true)
  assert.deepEqual(sent, [])
})
