// The LCS Account JsBridge for H5 pages: one typed client over whichever bridge the page has
// (LcsBridge, dsBridge or WebViewJavascriptBridge), that waits for it, and that fails with a
// code outside the app instead of hanging. No dependencies; an ES module for any bundler.

import { CODES, METHODS, ROUTES } from './registry.js'

export { CODES, METHODS, ROUTES }

/** Not an answer of the app: no bridge appeared in time (the page is not in the app). */
export const NOT_IN_APP = -1
/** Not an answer of the app: the bridge answered with something other than `{code, msg, data}`. */
export const BAD_ANSWER = -2

/** A call the app answered with a code other than 0, or no bridge at all. */
export class BridgeError extends Error {
  constructor(code, message, method) {
    super(message)
    this.name = 'BridgeError'
    this.code = code
    this.method = method
  }
}

const POLL_MS = 50

/** The bridge the page has now, by the API it speaks, or null. */
function present() {
  if (window.LcsBridge && typeof window.LcsBridge.invoke === 'function') return lcsBridge(window.LcsBridge)
  if (window.dsBridge && typeof window.dsBridge.call === 'function') return dsBridge(window.dsBridge)
  if (window.WebViewJavascriptBridge && typeof window.WebViewJavascriptBridge.callHandler === 'function') {
    return javascriptBridge(window.WebViewJavascriptBridge)
  }
  return null
}

/** Answers come as objects or, from some bridges, as their JSON text; null when neither. */
function reply(answer) {
  if (typeof answer !== 'string') return answer && typeof answer.code === 'number' ? answer : null
  try {
    return reply(JSON.parse(answer))
  } catch (e) {
    return null
  }
}

function lcsBridge(api) {
  return {
    protocol: 'LcsBridge',
    send: (method, data) => api.invoke(method, data),
    // LcsBridge pages hear the app through the dsBridge or WebViewJavascriptBridge the app also offers.
    register: (name, handler) => (window.dsBridge ? dsBridge(window.dsBridge) : javascriptBridge(window.WebViewJavascriptBridge)).register(name, handler),
  }
}

function dsBridge(api) {
  return {
    protocol: 'dsBridge',
    send: (method, data) => new Promise((resolve) => api.call(method, data === undefined ? {} : data, resolve)),
    register: (name, handler) => api.register(name, handler),
  }
}

function javascriptBridge(api) {
  return {
    protocol: 'WebViewJavascriptBridge',
    send: (method, data) => new Promise((resolve) => api.callHandler(method, data === undefined ? {} : data, resolve)),
    register: (name, handler) =>
      api.registerHandler(name, (data, respond) => {
        const answer = handler(data)
        if (answer && typeof answer.then === 'function') answer.then(respond)
        else respond(answer)
      }),
  }
}

/** The client of a bridge found on the page. */
class Bridge {
  constructor(transport) {
    this.transport = transport
    /** Which API the page's bridge speaks. */
    this.protocol = transport.protocol
  }

  /** Calls `method`; resolves with the answer's `data`, rejects with a BridgeError for any other code. */
  async call(method, data) {
    const answer = reply(await this.transport.send(method, data))
    if (!answer) throw new BridgeError(BAD_ANSWER, 'the bridge answered without a code', method)
    if (answer.code !== CODES.OK) throw new BridgeError(answer.code, answer.msg, method)
    return answer.data
  }

  /** Opens a native page; resolves with `{loggedIn}` once the user leaves it. */
  openPage(route, params = {}) {
    return this.call('openPage', { ...params, packageName: route })
  }

  closePage() {
    return this.call('closePage')
  }

  toast(message) {
    return this.call('toast', { message })
  }

  showLoading(message) {
    return this.call('showLoading', message === undefined ? {} : { message })
  }

  hideLoading() {
    return this.call('hideLoading')
  }

  getNetType() {
    return this.call('getNetType')
  }

  getAppInfo() {
    return this.call('getAppInfo')
  }

  getUserInfo() {
    return this.call('getUserInfo')
  }

  /**
   * The app's back button asks the page first: `handler` returns (or resolves with) true when
   * the page handled it, and the app then stays on the page.
   */
  onNativeBack(handler) {
    this.transport.register('nativeBack', () => {
      const handled = handler()
      return handled && typeof handled.then === 'function'
        ? handled.then((value) => ({ handled: value === true }))
        : { handled: handled === true }
    })
  }
}

/**
 * Waits for the page's bridge, at most `timeoutMs`; rejects with a BridgeError whose code is
 * NOT_IN_APP when none appears (a page opened in a browser).
 */
export function connect({ timeoutMs = 3000 } = {}) {
  return new Promise((resolve, reject) => {
    const found = present()
    if (found) return resolve(new Bridge(found))
    const started = Date.now()
    const look = () => {
      const transport = present()
      if (transport) {
        stop()
        resolve(new Bridge(transport))
      } else if (Date.now() - started >= timeoutMs) {
        stop()
        reject(new BridgeError(NOT_IN_APP, `no JsBridge within ${timeoutMs} ms: the page is not in the app`))
      }
    }
    const timer = setInterval(look, POLL_MS)
    document.addEventListener('WebViewJavascriptBridgeReady', look)
    function stop() {
      clearInterval(timer)
      document.removeEventListener('WebViewJavascriptBridgeReady', look)
    }
  })
}
