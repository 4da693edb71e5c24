// The JsBridge of the H5 host: injected into the top frame of H5 pages before their own
// scripts, it offers WebViewJavascriptBridge (with the Android JsBridge's init and send),
// dsBridge, the native side the official DSBridge library looks for (window._dsbridge), and
// LcsBridge, all over one Rust command. Rust decides everything (the origin comes from the
// webview, never from here); this script only exists on origins Rust allows, so other pages
// see no bridge at all.
;(function () {
  'use strict'
  // Filled in by Rust: where the bridge is offered ({origin, path, methods}), and nowhere else.
  var SCOPES = __LCS_BRIDGE_SCOPES__
  // Filled in by Rust and kept current through __lcsBridgeState: the answers known before a
  // call ({answers: {method: reply}, callbackOnly: reply, noDefaultHandler: reply}).
  var state = __LCS_BRIDGE_STATE__
  if (window.top !== window) return
  var scope = SCOPES.filter(function (s) {
    return s.origin === location.origin && (!s.path || location.pathname.indexOf(s.path) === 0)
  })[0]
  var internals = window.__TAURI_INTERNALS__
  if (!scope || !internals || window.LcsBridge) return
  var methods = scope.methods
  var nextId = 1
  var hasOwn = Object.prototype.hasOwnProperty

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
        return shaped(answer, data)
      },
    )
  }

  /** `reply` as a caller that sent `data` takes it: JSON text for text, else a fresh object. */
  function shaped(reply, data) {
    var text = JSON.stringify(reply)
    return typeof data === 'string' ? text : JSON.parse(text)
  }

  function asText(answer) {
    return typeof answer === 'string' ? answer : JSON.stringify(answer)
  }

  /** The answer of a call made without a callback: only what is known before the call. */
  function answerNow(method, data) {
    method = String(method)
    var known = hasOwn.call(state.answers, method) && methods.indexOf(method) >= 0
    return shaped(known ? state.answers[method] : state.callbackOnly, data)
  }

  /** dsBridge's hasNativeMethod: `syn` asks for methods that answer without a callback. */
  function hasNativeMethod(name, type) {
    name = String(name)
    if (methods.indexOf(name) < 0) return false
    return type === 'syn' ? hasOwn.call(state.answers, name) : true
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

  // 1. WebViewJavascriptBridge, with the ready event and the WVJBCallbacks bootstrap. A page
  // that calls `init` is written for the Android JsBridge, whose answers and handler
  // arguments are always JSON text.
  var handlers = {}
  var textAnswers = false
  var bridge = {
    // The page's default handler hears what the app sends without a handler name; the app
    // always names the handler, so only the switch to text answers remains.
    init: function () {
      textAnswers = true
    },
    callHandler: function (method, data, callback) {
      if (typeof data === 'function') {
        callback = data
        data = undefined
      }
      call(method, data).then(function (answer) {
        if (typeof callback === 'function') callback(textAnswers ? asText(answer) : answer)
      })
    },
    registerHandler: function (name, handler) {
      handlers[name] = handler
    },
    // iOS pages call this so that an alert() does not hold up the bridge; here it never does.
    disableJavscriptAlertBoxSafetyTimeout: function () {},
    // The app's default handler: every call names its method.
    send: function (data, callback) {
      if (typeof data === 'function') {
        callback = data
        data = undefined
      }
      var answer = shaped(state.noDefaultHandler, data)
      if (typeof callback === 'function') {
        setTimeout(function () {
          callback(textAnswers ? asText(answer) : answer)
        }, 0)
      }
    },
  }
  window.WebViewJavascriptBridge = bridge

  // 2. dsBridge, for pages that use it without the official library; with the library, the
  // page's dsBridge is the library's, which calls window._dsbridge below.
  if (!window._dsf) {
    window.dsBridge = {
      call: function (method, args, callback) {
        if (typeof args === 'function') {
          callback = args
          args = undefined
        }
        if (typeof callback !== 'function') return answerNow(method, args)
        call(method, args).then(callback)
      },
      register: function (name, handler) {
        handlers[name] = handler
      },
      hasNativeMethod: hasNativeMethod,
    }
  }

  // 3. The native side of the official DSBridge library (npm `dsbridge`): `call(method,
  // argJson)` with `{data, _dscbstub}`, answering `{code, data}` as JSON text at once and a
  // callback's answer by calling window[_dscbstub], as DSBridge's Android WebView does.
  var waitingForPage = {}
  var nextPageCall = 1
  function dsInternal(name, data) {
    switch (name) {
      case 'hasNativeMethod':
        return { code: 0, data: !!data && hasNativeMethod(data.name, data.type) }
      case 'closePage':
        call('closePage')
        return { code: 0, data: null }
      case 'returnValue':
        if (data && hasOwn.call(waitingForPage, data.id)) {
          waitingForPage[data.id](data.data)
          if (data.complete !== false) delete waitingForPage[data.id]
        }
        return { code: 0, data: null }
      // The library announces its handlers, and asks to let alert() block; nothing to do.
      case 'dsinit':
      case 'disableJavascriptDialogBlock':
        return { code: 0, data: null }
      default:
        return { code: -1 }
    }
  }
  Object.defineProperty(window, '_dsbridge', {
    value: Object.freeze({
      call: function (method, argJson) {
        method = String(method)
        var args = typeof argJson === 'string' ? safeParse(argJson) : null
        if (!args || typeof args !== 'object') return JSON.stringify({ code: -1 })
        var data = args.data === null ? undefined : args.data
        if (method.indexOf('_dsb.') === 0) return JSON.stringify(dsInternal(method.slice(5), data))
        var stub = args._dscbstub
        if (typeof stub !== 'string') return JSON.stringify({ code: 0, data: answerNow(method, data) })
        call(method, data).then(function (answer) {
          var callback = window[stub]
          if (typeof callback !== 'function') return
          delete window[stub]
          callback(answer)
        })
        return JSON.stringify({ code: 0 })
      },
    }),
  })

  /** Whether the official DSBridge library on the page has a handler `name`. */
  function libraryHandles(name) {
    var registered = window._dsf
    return (
      !!registered &&
      typeof registered._hasJavascriptMethod === 'function' &&
      typeof window._handleMessageFromNative === 'function' &&
      !!registered._hasJavascriptMethod(name)
    )
  }

  // 4. LcsBridge: a Promise per call.
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
      if (typeof handler === 'function') {
        return new Promise(function (resolve) {
          var result = handler(textAnswers ? JSON.stringify(data) : data, resolve)
          if (result !== undefined) resolve(result)
        })
      }
      if (libraryHandles(name)) {
        return new Promise(function (resolve) {
          var id = nextPageCall++
          waitingForPage[id] = resolve
          window._handleMessageFromNative({ method: name, callbackId: id, data: JSON.stringify([data]) })
        })
      }
      return Promise.resolve(null)
    },
  })

  // The app keeps the answers known before a call current (the UI language may change).
  Object.defineProperty(window, '__lcsBridgeState', {
    value: function (next) {
      state = next
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
