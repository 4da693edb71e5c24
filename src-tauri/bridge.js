// The JsBridge of the H5 host: injected into the top frame of H5 pages before their own
// scripts, it offers WebViewJavascriptBridge, dsBridge and LcsBridge over one Rust command.
// Rust decides everything (the origin comes from the webview, never from here); this script
// only exists on origins Rust allows, so other pages see no bridge at all.
;(function () {
  'use strict'
  // Filled in by Rust: where the bridge is offered ({origin, path, methods}), and nowhere else.
  var SCOPES = __LCS_BRIDGE_SCOPES__
  if (window.top !== window) return
  var scope = SCOPES.filter(function (s) {
    return s.origin === location.origin && (!s.path || location.pathname.indexOf(s.path) === 0)
  })[0]
  var internals = window.__TAURI_INTERNALS__
  if (!scope || !internals || window.LcsBridge) return
  var methods = scope.methods
  var nextId = 1

  /** Sends one call; resolves with the answer, a string when `data` was a string. */
  function send(method, data) {
    var request = { method: String(method), callbackId: String(nextId++) }
    if (data !== undefined) request.data = data
    return internals.invoke('bridge_call', { request: JSON.stringify(request) }).then(
      function (answer) {
        present(method, answer)
        return answer
      },
      function (error) {
        var answer = { code: 1008, msg: String(error && error.message ? error.message : error), data: null }
        return typeof data === 'string' ? JSON.stringify(answer) : answer
      },
    )
  }

  // toast and loading are drawn here, once Rust has accepted them.
  var loading = null
  function present(method, answer) {
    var parsed = typeof answer === 'string' ? safeParse(answer) : answer
    if (!parsed || parsed.code !== 0) return
    if (method === 'toast') showToast(lastText)
    if (method === 'showLoading') showLoading(lastText)
    if (method === 'hideLoading') hideLoading()
  }
  var lastText = ''
  function textOf(data) {
    var value = typeof data === 'string' ? safeParse(data) || data : data
    if (value && typeof value === 'object') return String(value.message || '')
    return value === undefined || value === null ? '' : String(value)
  }
  function safeParse(text) {
    try {
      return JSON.parse(text)
    } catch (e) {
      return null
    }
  }
  function overlay(text, id) {
    var box = document.createElement('div')
    box.id = id
    box.textContent = text
    box.setAttribute(
      'style',
      'position:fixed;left:50%;top:45%;transform:translate(-50%,-50%);max-width:70%;padding:10px 16px;' +
        'border-radius:8px;background:rgba(0,0,0,.75);color:#fff;font:14px/1.4 sans-serif;z-index:2147483647;text-align:center',
    )
    document.documentElement.appendChild(box)
    return box
  }
  function showToast(text) {
    var box = overlay(text, 'lcs-bridge-toast')
    setTimeout(function () {
      box.remove()
    }, 2000)
  }
  function showLoading(text) {
    hideLoading()
    loading = overlay(text || '…', 'lcs-bridge-loading')
  }
  function hideLoading() {
    if (loading) loading.remove()
    loading = null
  }
  function call(method, data) {
    if (method === 'toast' || method === 'showLoading') lastText = textOf(data)
    return send(method, data)
  }

  // 1. WebViewJavascriptBridge, with the ready event and the WVJBCallbacks bootstrap.
  var handlers = {}
  var bridge = {
    callHandler: function (method, data, callback) {
      if (typeof data === 'function') {
        callback = data
        data = undefined
      }
      call(method, data).then(function (answer) {
        if (typeof callback === 'function') callback(answer)
      })
    },
    registerHandler: function (name, handler) {
      handlers[name] = handler
    },
  }
  window.WebViewJavascriptBridge = bridge

  // 2. dsBridge: asynchronous calls only.
  window.dsBridge = {
    call: function (method, args, callback) {
      if (typeof args === 'function') {
        callback = args
        args = undefined
      }
      if (typeof callback !== 'function') {
        return { code: 1009, msg: 'synchronous calls are not supported; pass a callback', data: null }
      }
      call(method, args).then(callback)
    },
    register: function (name, handler) {
      handlers[name] = handler
    },
    hasNativeMethod: function (name) {
      return methods.indexOf(String(name)) >= 0
    },
  }

  // 3. LcsBridge: a Promise per call.
  window.LcsBridge = {
    invoke: function (method, params) {
      return call(method, params)
    },
  }

  // The app calls the page's registered handlers (nativeBack) through this; it resolves with
  // the handler's answer, or null when the page registered none.
  Object.defineProperty(window, '__lcsBridgeNotify', {
    value: function (name, data) {
      var handler = handlers[name]
      if (typeof handler !== 'function') return Promise.resolve(null)
      return new Promise(function (resolve) {
        var result = handler(data, resolve)
        if (result !== undefined) resolve(result)
      })
    },
  })

  // The ready event once the document is there; listeners added later still get it.
  var fired = false
  var addEventListener = document.addEventListener
  document.addEventListener = function (type, listener, options) {
    addEventListener.call(document, type, listener, options)
    if (type === 'WebViewJavascriptBridgeReady' && fired) {
      setTimeout(function () {
        var event = new Event('WebViewJavascriptBridgeReady')
        event.bridge = bridge
        if (typeof listener === 'function') listener.call(document, event)
        else if (listener && typeof listener.handleEvent === 'function') listener.handleEvent(event)
      }, 0)
    }
  }
  function ready() {
    if (fired) return
    fired = true
    var event = new Event('WebViewJavascriptBridgeReady')
    event.bridge = bridge
    document.dispatchEvent(event)
    var queued = window.WVJBCallbacks || []
    delete window.WVJBCallbacks
    for (var i = 0; i < queued.length; i++) queued[i](bridge)
  }
  if (document.readyState === 'loading') addEventListener.call(document, 'DOMContentLoaded', ready)
  else setTimeout(ready, 0)
})()
