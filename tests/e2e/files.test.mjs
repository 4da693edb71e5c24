import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { invoke, SANDBOX_SECRET, withApp } from './app.mjs'

const STAGING = {
  id: 'staging',
  name: 'Staging',
  customerBase: 'https://a.staging.example',
  userCenterBase: 'https://b.staging.example',
  plannerBase: 'https://c.staging.example',
  companyId: '7',
  plannerClientId: 'lcs-account',
  plannerClientSecret: 'staging-secret',
  h5Origins: [{ origin: 'https://h5.staging.example', tier: 'trusted' }],
  lang: 'en-US',
}

function windowName(id) {
  try {
    return execFileSync('xdotool', ['getwindowname', id]).toString().trim()
  } catch {
    // Gone between the search and the question.
    return ''
  }
}

/** The window of the file dialog the app opened: the one named other than the app. */
async function fileDialog() {
  const deadline = Date.now() + 10_000
  while (Date.now() < deadline) {
    const ids = execFileSync('xdotool', ['search', '--onlyvisible', '--name', '.+']).toString().trim().split('\n')
    const dialog = ids.find((id) => !['', 'LCS Account'].includes(windowName(id)))
    if (dialog) return dialog
    await sleep(100)
  }
  throw new Error('no file dialog opened')
}

/**
 * Answers the system's file dialog as a user would: types the file's path into it (Ctrl+L opens
 * the open dialog's location field; the save dialog's name field takes a whole path) and presses
 * Enter.
 */
async function answerFileDialog(file, { saving }) {
  const dialog = await fileDialog()
  execFileSync('xdotool', ['windowfocus', '--sync', dialog])
  execFileSync('xdotool', ['key', saving ? 'ctrl+a' : 'ctrl+l'])
  execFileSync('xdotool', ['type', '--delay', '20', file])
  // GTK checks the typed path before it takes Enter.
  await sleep(500)
  execFileSync('xdotool', ['key', 'Return'])
}

async function waitForFile(file) {
  const deadline = Date.now() + 10_000
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`${file} was not written`)
    await sleep(100)
  }
  // The app writes the file in one go; give the write a moment to finish.
  await sleep(200)
  return JSON.parse(readFileSync(file, 'utf8'))
}

test('environments and recorded calls travel as files through the system file dialogs', async (t) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lcs-files-'))
  t.after(() => rmSync(folder, { recursive: true, force: true }))
  const shared = path.join(folder, 'shared.json')
  writeFileSync(shared, JSON.stringify({ format: 'lcs-account/environments', version: 1, environments: [STAGING] }))

  await withApp(t, async (app) => {
    const { session } = app
    await session.click('[data-testid="tab-settings"]')
    await session.click('[data-testid="environment-current"]')

    await session.click('[data-testid="environment-import"]')
    await answerFileDialog(shared, { saving: false })
    await session.waitFor('[data-testid="environment-staging"]', { text: 'Staging' })
    await app.screenshot('imported')

    const exported = path.join(folder, 'exported.json')
    await session.click('[data-testid="environment-export"]')
    await answerFileDialog(exported, { saving: true })
    const file = await waitForFile(exported)
    assert.equal(file.format, 'lcs-account/environments')
    assert.deepEqual(
      file.environments.map((environment) => environment.id),
      ['staging'],
    )
    for (const [field, value] of Object.entries(STAGING)) {
      assert.deepEqual(file.environments[0][field], value, field)
    }

    // A call made from the console, exported from the inspector.
    await session.execute("window.location.hash = '#/settings/console/user_center.protocol'")
    await session.click('[data-testid="call-send"]')
    await session.waitFor('[data-testid="call-ok"]')
    await session.click('[data-testid="call-inspect"]')
    await session.waitFor('[data-testid="inspector-list"]', { text: 'protocol' })
    const calls = path.join(folder, 'calls.json')
    await session.click('[data-testid="inspector-export"]')
    await answerFileDialog(calls, { saving: true })
    const records = await waitForFile(calls)
    assert.ok(records.some((record) => record.call === 'user_center.protocol'), JSON.stringify(records).slice(0, 300))

    // What the app wrote is its owner's only: the exports, the settings the import saved,
    // the cache and the built-in sandbox's database (with their WAL files), and their folders.
    const config = path.join(app.env.XDG_CONFIG_HOME, 'com.lcs.account')
    const data = path.join(app.env.XDG_DATA_HOME, 'com.lcs.account')
    const files = [exported, calls, path.join(config, 'settings.json')]
    for (const database of ['cache.sqlite', 'sandbox.sqlite']) {
      for (const suffix of ['', '-wal', '-shm']) files.push(path.join(data, database + suffix))
    }
    for (const file of files) assert.equal(mode(file), 0o600, file)
    for (const folder of [config, data]) assert.equal(mode(folder), 0o700, folder)
  })
})

test('the log folder and a diagnostics file exported after signing in hold no token or password', async (t) => {
  const folder = mkdtempSync(path.join(os.tmpdir(), 'lcs-diagnostics-'))
  t.after(() => rmSync(folder, { recursive: true, force: true }))

  await withApp(t, async (app) => {
    const { session } = app
    await session.click('[data-testid="tab-settings"]')
    // The app's own debug lines too, from now on: the most the log can say.
    await session.click('[data-testid="debug-log-switch"]')
    await session.waitFor('[data-testid="debug-log-switch"].van-switch--on')

    // Signed in to two families, remembered in the keychain.
    const planner = await invoke(session, 'auth_planner_login', {
      input: { username: 'demo', phone: null, password: 'demo1234', remember: true },
    })
    assert.equal(planner.answer?.persisted, true, JSON.stringify(planner))
    const customer = await invoke(session, 'auth_customer_login', {
      input: { by: 'email', loginName: 'demo@lcs.test', phoneArea: null, password: 'demo1234', code: null, remember: true },
    })
    assert.equal(customer.answer?.persisted, true, JSON.stringify(customer))

    const exported = path.join(folder, 'diagnostics.json')
    // WebDriver would scroll the button only to the window's edge, under the tab bar.
    await session.execute('document.querySelector(\'[data-testid="diagnostics-export"]\').scrollIntoView({ block: "center" })')
    await session.click('[data-testid="diagnostics-export"]')
    await answerFileDialog(exported, { saving: true })
    const report = await waitForFile(exported)
    await session.waitFor('[data-testid="diagnostics-export"]', { text: exported })
    await app.screenshot('exported')

    assert.equal(report.format, 'lcs-account/diagnostics')
    assert.equal(report.platform.os, 'linux')
    assert.equal(report.settings.debugLog, true)
    assert.equal(report.environment.id, 'sandbox')
    assert.equal(report.keychain.available, true)
    assert.deepEqual(report.keychain.sessions.map((kept) => kept.family).sort(), ['customer', 'planner'])
    assert.ok(report.log.lines.some((line) => line.includes('the app started')), report.log.lines.join('\n'))
    assert.ok(report.requests.some((record) => record.call === 'planner.login'), 'the inspector records are there')

    const logFolder = path.join(app.env.XDG_DATA_HOME, 'com.lcs.account', 'logs')
    assert.equal(report.log.folder, logFolder)
    const logFiles = readdirSync(logFolder).map((name) => path.join(logFolder, name))
    assert.equal(logFiles.length, 1, logFiles.join(', '))
    const log = logFiles.map((file) => readFileSync(file, 'utf8')).join('')
    assert.match(log, /DEBUG/, 'the debug lines were kept')
    for (const file of logFiles) assert.equal(mode(file), 0o600, file)
    assert.equal(mode(logFolder), 0o700)

    const tokens = keptTokens()
    assert.ok(tokens.length >= 4, `the keychain holds both sessions' tokens: ${tokens.length}`)
    const secrets = [
      ...tokens,
      'demo1234',
      createHash('md5').update('demo1234').digest('hex'),
      SANDBOX_SECRET,
      // The sandbox's planner client secret, sent with the authorization call.
      'lcs-sandbox-secret',
    ]
    const text = readFileSync(exported, 'utf8')
    for (const secret of secrets) {
      assert.ok(!log.includes(secret), `the log holds ${secret.slice(0, 4)}…`)
      assert.ok(!text.includes(secret), `the diagnostics file holds ${secret.slice(0, 4)}…`)
    }
  })
})

/** Every token of the sessions the app keeps in the Secret Service. */
function keptTokens() {
  const found = execFileSync('secret-tool', ['search', '--all', '--unlock', 'service', 'com.lcs.account'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tokens = []
  const collect = (value) => {
    if (!value || typeof value !== 'object') return
    for (const [key, inner] of Object.entries(value)) {
      if (/token/i.test(key) && typeof inner === 'string' && inner.length >= 6) tokens.push(inner)
      else collect(inner)
    }
  }
  for (const line of found.split('\n')) {
    if (!line.startsWith('secret = {')) continue
    collect(JSON.parse(line.slice('secret = '.length)))
  }
  return tokens
}

/** A file's permission bits. */
function mode(file) {
  return statSync(file).mode & 0o777
}
