// A small W3C WebDriver client for tauri-driver + WebKitWebDriver.
//
// Classic sessions only: WebKitWebDriver refuses a `browserName` and does not speak BiDi, which
// the general-purpose clients (selenium-webdriver, WebdriverIO 9) ask for by default.

import { spawn } from 'node:child_process'
import net from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'

const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf'
const WAIT_MS = 15_000
const COMMAND_MS = 60_000
const ANSWER_MS = 8_000
const DRIVER_ATTEMPTS = 3

// Ports for tauri-driver and WebKitWebDriver come from below Linux's ephemeral range (32768 and
// up), so that no outgoing connection or port-0 listener (the sandbox, the app's) takes one
// between the check here and the driver's bind.
const PORTS = { from: 20_000, to: 32_000 }

async function isFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(false))
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)))
  })
}

async function freePort() {
  for (;;) {
    const port = PORTS.from + Math.floor(Math.random() * (PORTS.to - PORTS.from))
    if (await isFree(port)) return port
  }
}

/**
 * The pair never answered: tauri-driver exits quietly when its port is taken, and when
 * WebKitWebDriver's is, tauri-driver stays up but every request through it fails.
 */
class NeverAnswered extends Error {}

/**
 * Waits until tauri-driver answers /status as ready. Its port opens before WebKitWebDriver
 * behind it listens, and a session requested in between is refused.
 */
async function waitForReady(url, child, timeoutMs = WAIT_MS) {
  const started = Date.now()
  let answered = false
  let last = 'no answer'
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null) {
      const message = `tauri-driver exited with ${child.exitCode}`
      throw answered ? new Error(message) : new NeverAnswered(message)
    }
    try {
      const response = await fetch(`${url}/status`)
      answered = true
      const status = await response.json()
      if (status.value?.ready) return
      last = JSON.stringify(status.value)
    } catch (error) {
      last = error.message
    }
    if (!answered && Date.now() - started > ANSWER_MS) {
      throw new NeverAnswered(`tauri-driver gave no answer on ${url} within ${ANSWER_MS} ms: ${last}`)
    }
    await sleep(100)
  }
  throw new Error(`tauri-driver was not ready within ${timeoutMs} ms: ${last}`)
}

function spawnDriver(env, port, nativePort) {
  const child = spawn('tauri-driver', ['--port', String(port), '--native-port', String(nativePort)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  })
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      const exited = child.exitCode !== null || new Promise((resolve) => child.once('exit', resolve))
      try {
        process.kill(-child.pid, 'SIGTERM')
      } catch {
        return // the group is already gone
      }
      await exited
    },
    child,
  }
}

/**
 * Starts tauri-driver with the app's environment. It runs in its own process group, because
 * ending a WebDriver session leaves the app running: `stop()` ends the driver, WebKitWebDriver
 * and every app they started, and nothing else. A pair that never answers (a port was taken after
 * all) is replaced by one on other ports.
 */
export async function startDriver(env) {
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort()
    const nativePort = await freePort()
    const { child, ...driver } = spawnDriver(env, port, nativePort)
    try {
      await waitForReady(driver.url, child)
      return driver
    } catch (error) {
      await driver.stop()
      if (!(error instanceof NeverAnswered) || attempt === DRIVER_ATTEMPTS) throw error
      console.error(`# ${error.message}; trying other ports`)
    }
  }
}

async function request(base, method, route, body) {
  const response = await fetch(base + route, {
    method,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: body === undefined ? undefined : JSON.stringify(body),
    // An app that died leaves WebKitWebDriver answering nothing: fail rather than wait for ever.
    signal: AbortSignal.timeout(COMMAND_MS),
  })
  const text = await response.text()
  let json
  try {
    json = JSON.parse(text)
  } catch {
    throw new Error(`${method} ${route}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`)
  }
  if (!response.ok || json.value?.error) {
    throw new Error(`${method} ${route}: ${json.value?.error}: ${json.value?.message}`)
  }
  return json.value
}

export class Session {
  constructor(base, id) {
    this.base = base
    this.id = id
  }

  /** Launches the app binary in a new WebDriver session. */
  static async start(driverUrl, application, args = []) {
    const value = await request(driverUrl, 'POST', '/session', {
      capabilities: { alwaysMatch: { 'tauri:options': { application, args } } },
    })
    return new Session(driverUrl, value.sessionId)
  }

  cmd(method, route, body) {
    return request(this.base, method, `/session/${this.id}${route}`, body)
  }

  /** Waits until `css` matches an element whose text includes `text` (if given); returns it. */
  async waitFor(css, { text, timeoutMs = WAIT_MS } = {}) {
    const deadline = Date.now() + timeoutMs
    let seen = '(no element)'
    while (Date.now() < deadline) {
      const found = await this.cmd('POST', '/elements', { using: 'css selector', value: css })
      for (const element of found) {
        const id = element[ELEMENT]
        const content = await this.cmd('GET', `/element/${id}/text`).catch(() => '')
        if (text === undefined || content.includes(text)) return id
        seen = JSON.stringify(content)
      }
      await sleep(100)
    }
    throw new Error(`no ${css}${text ? ` containing ${JSON.stringify(text)}` : ''}; last saw ${seen}`)
  }

  /** The text of the element `css` matches (once it includes `text`, when given). */
  async text(css, options) {
    return this.cmd('GET', `/element/${await this.waitFor(css, options)}/text`)
  }

  /**
   * Clicks the element `css` matches. While something lies over it (a toast, a closing popup,
   * the tab bar over the end of a long page) it scrolls it to the middle of the page and waits,
   * as a user would, for the rest to go.
   */
  async click(css, options) {
    await this.clickElement(await this.waitFor(css, options), options)
  }

  async clickElement(id, { timeoutMs = WAIT_MS } = {}) {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      try {
        await this.cmd('POST', `/element/${id}/click`, {})
        return
      } catch (error) {
        if (!/element click intercepted/.test(error.message) || Date.now() > deadline) throw error
        await this.execute("arguments[0].scrollIntoView({ block: 'center' })", [{ [ELEMENT]: id }])
        await sleep(100)
      }
    }
  }

  /**
   * Replaces the text of the input matched by `css`, as a user typing would: its text selected,
   * then typed over. (WebDriver's clear is no use here: without an input event, a Vue input
   * bound with v-model writes its old value back when it loses focus.)
   */
  async type(css, text) {
    const id = await this.waitFor(css)
    await this.execute('arguments[0].focus(); arguments[0].select()', [{ [ELEMENT]: id }])
    await this.cmd('POST', `/element/${id}/value`, { text })
  }

  /** Runs `script` (a function body; `arguments` are `args`) in the page and returns its value. */
  execute(script, args = []) {
    return this.cmd('POST', '/execute/sync', { script, args })
  }

  /** Waits until `probe()` answers something truthy; returns it. `what` names it in the error. */
  async waitUntil(probe, what, { timeoutMs = WAIT_MS } = {}) {
    const deadline = Date.now() + timeoutMs
    let last
    while (Date.now() < deadline) {
      last = await probe()
      if (last) return last
      await sleep(100)
    }
    throw new Error(`${what} did not happen within ${timeoutMs} ms; last saw ${JSON.stringify(last)}`)
  }

  /** Waits until no element matches `css` (with `text`, when given). */
  async waitGone(css, { text, timeoutMs = WAIT_MS } = {}) {
    await this.waitUntil(
      () =>
        this.execute(
          'return ![...document.querySelectorAll(arguments[0])].some((e) => arguments[1] === null || e.textContent.includes(arguments[1]))',
          [css, text ?? null],
        ),
      `${css}${text ? ` containing ${JSON.stringify(text)}` : ''} going away`,
      { timeoutMs },
    )
  }

  /**
   * Waits until the page's transitions and animations have ended (endless ones, like a spinner,
   * do not count), so a click lands where the element rests and a screenshot shows it there.
   */
  async settle({ timeoutMs = WAIT_MS } = {}) {
    await this.waitUntil(
      () =>
        this.execute(
          "return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)",
        ),
      'the page settling',
      { timeoutMs },
    )
  }

  /** Drags the element `css` matches by (dx, dy) pixels with the mouse, as a swipe. */
  async drag(css, dx, dy, options) {
    const origin = { [ELEMENT]: await this.waitFor(css, options) }
    const steps = 5
    const moves = Array.from({ length: steps }, () => ({
      type: 'pointerMove',
      origin: 'pointer',
      x: Math.round(dx / steps),
      y: Math.round(dy / steps),
      duration: 30,
    }))
    await this.cmd('POST', '/actions', {
      actions: [
        {
          type: 'pointer',
          id: 'mouse',
          parameters: { pointerType: 'mouse' },
          actions: [
            { type: 'pointerMove', origin, x: 0, y: 0, duration: 0 },
            { type: 'pointerDown', button: 0 },
            ...moves,
            { type: 'pointerUp', button: 0 },
          ],
        },
      ],
    })
    await this.cmd('DELETE', '/actions')
  }

  async quit() {
    await this.cmd('DELETE', '')
  }
}
