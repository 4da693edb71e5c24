// Starts the real app (built with the custom-protocol feature) for one test and cleans up after.

import { execFile, execFileSync, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import assert from 'node:assert/strict'
import { Session, startDriver } from './webdriver.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target')
export const APP_BINARY = process.env.LCS_E2E_APP ?? path.join(TARGET, 'debug', 'lcs-account')
/** The command-line client, built with the app. */
const CLI_BINARY = process.env.LCS_E2E_CLI ?? path.join(TARGET, 'debug', 'lcs')
const SCREENSHOTS = path.join(ROOT, 'target', 'e2e-screenshots')
/** What the app's built-in sandbox asks its helpers' callers for: chosen here for every app these tests start. */
export const SANDBOX_SECRET = randomUUID()

/**
 * A fresh profile per test: the app's config and data folders live in a temp HOME, so one
 * test's settings never leak into another's, nor into the tester's own profile.
 */
export async function withApp(t, body, { args = [], binary = APP_BINARY } = {}) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'lcs-e2e-'))
  const env = {
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    LCS_SANDBOX_SECRET: SANDBOX_SECRET,
  }
  const driver = await startDriver(env)
  const launch = (launchArgs = args) => Session.start(driver.url, binary, launchArgs)
  let session
  try {
    session = await launch()
    await body({
      get session() {
        return session
      },
      /** The app's environment, for a second process of the same user. */
      env: { ...process.env, ...env },
      /** Captures the window once the page has settled, named after the test and `step`. */
      screenshot(step) {
        return screenshot(session, `${fileName(t)}-${step}`)
      },
      /** Quits the app and starts it again on the same profile. */
      async restart() {
        await this.quit()
        session = await launch()
        return session
      },
      /** Quits the app, until `restart`. */
      async quit() {
        if (session) await session.quit()
        session = undefined
      },
    })
  } finally {
    if (session) {
      captureWindow(path.join(SCREENSHOTS, `${fileName(t)}.png`))
      await session.quit().catch(() => undefined)
    }
    await driver.stop()
    rmSync(home, { recursive: true, force: true })
    forgetSessions()
  }
}

/** The sandbox's address, as Settings shows it; back on Home afterwards. */
export async function sandboxUrl(session) {
  await session.click('[data-testid="tab-settings"]')
  const environment = await session.waitFor('[data-testid="environment"]', { text: 'http://127.0.0.1:' })
  const text = await session.cmd('GET', `/element/${environment}/text`)
  await session.click('.van-tabbar-item')
  return text.match(/http:\/\/127\.0\.0\.1:\d+\//)[0]
}

/**
 * Invokes a command as a script in the app's window would: `{ answer }` or `{ refusal }` (not
 * `error`, which WebDriver would read as its own).
 */
export function invoke(session, command, args) {
  return session.cmd('POST', '/execute/async', {
    script: `const done = arguments[arguments.length - 1]
      window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1]).then(
        (answer) => done({ answer }),
        (refusal) => done({ refusal }),
      )`,
    args: [command, args],
  })
}

/** A user's environment whose three families are at `base`, with H5 origins of its own. */
export function environment(id, base, h5Origins = []) {
  return {
    id,
    name: id.toUpperCase(),
    customerBase: base,
    userCenterBase: base,
    plannerBase: base,
    companyId: '1',
    trustSandboxH5: true,
    h5Origins,
  }
}

/** Adds `env` and makes it the chosen one, as the Environments page would. */
export async function useEnvironment(session, env) {
  const saved = await invoke(session, 'environment_save', { environment: env, isNew: true })
  assert.ok(saved.answer, JSON.stringify(saved))
  const selected = await invoke(session, 'environment_select', { id: env.id })
  assert.ok(selected.answer, JSON.stringify(selected))
}

/** Starts the app a second time with `link`, as a browser or the desktop would. */
export function handLink(env, link) {
  return new Promise((resolve, reject) => {
    const child = spawn(APP_BINARY, [link], { env, stdio: 'ignore' })
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error('the second process did not hand over its link and exit'))
    }, 20_000)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.once('error', reject)
  })
}

/** Opens `url` in the H5 host (route lcs.web) and switches the session to its window. */
export async function openH5(session, url) {
  const main = await session.cmd('GET', '/window')
  const app = (await session.cmd('GET', '/url')).replace(/#.*$/, '')
  await session.cmd('POST', '/url', { url: `${app}#/web?url=${encodeURIComponent(url)}` })
  await session.waitFor('[data-testid="web"]')
  let h5
  for (let i = 0; i < 100 && !h5; i++) {
    h5 = (await session.cmd('GET', '/window/handles')).find((handle) => handle !== main)
    if (!h5) await sleep(100)
  }
  assert.ok(h5, 'the H5 window opened')
  await session.cmd('POST', '/window', { handle: h5 })
  return { main, h5 }
}

/** Calls the helper `path` (under `/__sandbox/`) of the sandbox at `baseUrl` with the secret it asks for. */
export function sandboxHelper(baseUrl, path, init = {}) {
  return fetch(`${baseUrl}__sandbox/${path}`, {
    ...init,
    headers: { ...init.headers, 'x-sandbox-secret': SANDBOX_SECRET },
  })
}

/**
 * What the sandbox at `baseUrl` answers the backend call `call` (`lcs call --list` names them)
 * with `params`, asked by the `lcs` command-line client as a second process of the app's user
 * (`env`): it signs its calls with the sessions the app keeps in the keychain, so the answer is
 * the server's state, never the app's cache. A refusal throws, with the client's words.
 */
export function callSandbox(env, baseUrl, call, params = {}) {
  const args = ['--json', '--sandbox-url', baseUrl, 'call', call]
  for (const [key, value] of Object.entries(params)) args.push('--param', `${key}=${value}`)
  return new Promise((resolve, reject) => {
    execFile(CLI_BINARY, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`lcs call ${call} failed: ${stdout}${stderr}`))
      else resolve(JSON.parse(stdout))
    })
  })
}

/** The test's name as a file name. */
function fileName(t) {
  return t.name.replace(/[^\w.-]+/g, '-').replace(/^-|-$/g, '')
}

/**
 * The keyring outlives a test's temporary HOME, as it outlives an app's data: the sessions a
 * test signed in with go, so the next test starts signed out.
 */
function forgetSessions() {
  try {
    execFileSync('secret-tool', ['clear', 'service', 'com.lcs.account'], { stdio: 'ignore', timeout: 10_000 })
  } catch {
    // No Secret Service in this run: nothing was kept.
  }
}

/** Removes the screenshots under `folder` of target/e2e-screenshots, left by an earlier run. */
export function clearScreenshots(folder) {
  rmSync(path.join(SCREENSHOTS, folder), { recursive: true, force: true })
}

/**
 * Saves the app's window as target/e2e-screenshots/<name>.png once the page has settled and
 * painted. Take it after navigating by clicks: a page reached by setting the URL through
 * WebDriver may still show the previous one on the X display.
 */
export async function screenshot(session, name) {
  await session.settle()
  await session.cmd('POST', '/execute/async', {
    script: 'const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => done()))',
    args: [],
  })
  captureWindow(path.join(SCREENSHOTS, `${name}.png`))
}

/**
 * Captures the app's window from the X display. WebKitWebDriver's own screenshot command hangs
 * when compositing is disabled, which Xvfb requires.
 */
function captureWindow(file) {
  mkdirSync(path.dirname(file), { recursive: true })
  try {
    execFileSync('import', ['-window', 'LCS Account', file], { stdio: 'ignore', timeout: 10_000 })
  } catch (error) {
    console.error(`no screenshot for ${file}: ${error.message}`)
  }
}
