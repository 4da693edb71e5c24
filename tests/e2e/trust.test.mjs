// What keeps a session's tokens and the user's data with the pages and servers the user chose,
// seen in the real app: the H5 window's judgement of its page, its closing when the
// environment changes, and a session that is not sent to an environment's new server.

import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { environment, invoke, openH5, sandboxHelper, sandboxUrl, useEnvironment, withApp } from './app.mjs'

async function windows(session) {
  return session.cmd('GET', '/window/handles')
}

test('a call made while the page is leaving for a trusted origin is judged by the partner page still there', async (t) => {
  await withApp(t, async ({ session }) => {
    const trusted = await sandboxUrl(session)
    // The same sandbox under another name is another origin: a partner's.
    const partner = trusted.replace('127.0.0.1', 'localhost')
    await useEnvironment(session, environment('partnered', trusted, [{ origin: partner.slice(0, -1), tier: 'partner' }]))
    const { main, h5 } = await openH5(session, `${partner}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })

    const ask = `const done = arguments[arguments.length - 1]
      window.__TAURI_INTERNALS__.invoke('bridge_call', { request: JSON.stringify({ method: 'getUserInfo' }) })
        .then((answer) => done(answer), (error) => done({ error: String(error) }))`
    const settled = await session.cmd('POST', '/execute/async', { script: ask, args: [] })
    assert.equal(settled.code, 1003, 'a partner page may not read the user')

    // The app is asked to show a trusted page, which is slow to answer: WebKit names the new
    // URL at once, while the partner page still runs, and calls.
    const armed = await sandboxHelper(trusted, 'faults', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ path: '/h5/lcsbridge.html', kind: 'delay', count: 1, delayMs: 8000 }),
    })
    assert.equal(armed.status, 200)
    // WebDriver waits for a load to finish before it runs a script, so the partner page keeps
    // its answer where it finds it again: its origin's local storage.
    await session.cmd('POST', '/execute/sync', {
      script: `setTimeout(() => {
          window.__TAURI_INTERNALS__.invoke('bridge_call', { request: JSON.stringify({ method: 'getUserInfo' }) })
            .then((answer) => localStorage.setItem('lateAnswer', JSON.stringify({ answer, at: location.href })))
        }, 2000)`,
      args: [],
    })
    const showInApp = async (url) => {
      await session.cmd('POST', '/window', { handle: main })
      const app = (await session.cmd('GET', '/url')).replace(/#.*$/, '')
      await session.cmd('POST', '/url', { url: `${app}#/` })
      await session.cmd('POST', '/url', { url: `${app}#/web?url=${encodeURIComponent(url)}` })
      await session.cmd('POST', '/window', { handle: h5 })
    }
    await showInApp(`${trusted}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready', timeoutMs: 20000 })
    assert.equal(await session.cmd('GET', '/url'), `${trusted}h5/lcsbridge.html`)
    const arrived = await session.cmd('POST', '/execute/async', { script: ask, args: [] })
    assert.equal(arrived.code, 1007, 'the trusted page, once there, is told to sign in, not refused')

    await showInApp(`${partner}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    const leaving = JSON.parse(
      await session.cmd('POST', '/execute/sync', { script: "return localStorage.getItem('lateAnswer')", args: [] }),
    )
    assert.equal(leaving.at, `${partner}h5/lcsbridge.html`, 'the partner page made the call')
    assert.equal(leaving.answer.code, 1003, JSON.stringify(leaving))
    assert.match(leaving.answer.msg, /being replaced/)
    assert.equal(leaving.answer.data, null)
  })
})

test('choosing another environment closes the H5 page the old one allowed', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main } = await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    await session.cmd('POST', '/window', { handle: main })

    const selected = await invoke(session, 'environment_select', { id: 'preprod' })
    assert.ok(selected.answer, JSON.stringify(selected))

    await session.waitUntil(async () => (await windows(session)).length === 1, 'the H5 window closed')
    assert.deepEqual(await windows(session), [main])
  })
})

test("a remembered session is not sent to its environment's new server, and the user is told why", async (t) => {
  const seen = []
  const newHost = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`)
    response.end('{}')
  })
  await new Promise((resolve) => newHost.listen(0, '127.0.0.1', resolve))
  t.after(() => newHost.close())
  const newBase = `http://127.0.0.1:${newHost.address().port}/`

  await withApp(t, async ({ session, screenshot }) => {
    const base = await sandboxUrl(session)
    const qa = environment('qa', base)
    await useEnvironment(session, qa)
    const signedIn = await invoke(session, 'auth_customer_login', {
      input: { by: 'email', loginName: 'demo@lcs.test', phoneArea: null, password: 'demo1234', code: null, remember: true },
    })
    assert.equal(signedIn.answer?.persisted, true, JSON.stringify(signedIn))

    const moved = await invoke(session, 'environment_save', { environment: { ...qa, customerBase: newBase }, isNew: false })
    assert.ok(moved.answer, JSON.stringify(moved))

    // The kept session is checked as the environment's services start again, in the background.
    await session.waitUntil(
      async () => (await invoke(session, 'auth_overview', {})).answer?.signedOutBecause === 'host_changed',
      'the session was ended for the new host',
    )
    assert.deepEqual((await invoke(session, 'auth_overview', {})).answer.sessions, [])
    await session.click('.van-tabbar-item')
    await session.click('[data-testid="home-sign-in"]')
    await session.waitFor('[data-testid="signout-reason"]', { text: '指向其他服务器' })
    await screenshot('told-why')
    assert.deepEqual(seen, [], 'the new server heard nothing')
  })
})
