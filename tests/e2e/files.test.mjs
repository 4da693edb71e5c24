import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { withApp } from './app.mjs'

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

/** A file's permission bits. */
function mode(file) {
  return statSync(file).mode & 0o777
}
