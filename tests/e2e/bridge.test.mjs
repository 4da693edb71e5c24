import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { openH5, sandboxUrl, withApp } from './app.mjs'

/** Signs in on the main window's sign-in page with the first demo account (family A). */
async function signIn(session) {
  await session.click('[data-testid="demo-accounts"] .van-cell')
  await session.click('[data-testid="login-submit"]')
}

test('an allowed H5 page gets the bridge and its answers', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    await session.click('#app-info')
    const answer = JSON.parse(await session.text('#answer'))
    assert.equal(answer.code, 0)
    assert.equal(answer.data.platform, 'linux')
  })
})

for (const page of ['wvjb', 'dsbridge', 'lcsbridge']) {
  test(`the ${page} page opens sign-in and hears loggedIn: true after it`, async (t) => {
    await withApp(t, async ({ session }) => {
      const base = await sandboxUrl(session)
      const { main, h5 } = await openH5(session, `${base}h5/${page}.html`)
      await session.waitFor('#status', { text: 'JsBridge ready' })
      if (page === 'wvjb') {
        // A listener added 1.5 s after the ready event still hears it.
        await session.waitFor('#late-ready', { text: 'yes', timeoutMs: 5000 })
      }
      await session.click('#open-login')

      await session.cmd('POST', '/window', { handle: main })
      await session.waitFor('[data-testid="login"]')
      await signIn(session)
      await session.waitFor('[data-testid="home-status"]', { text: 'demo@lcs.test' })

      await session.cmd('POST', '/window', { handle: h5 })
      const shown = await session.text('#answer', { text: 'loggedIn' })
      // WebViewJavascriptBridge sends JSON text and gets JSON text back; the others objects.
      assert.deepEqual(JSON.parse(shown), { code: 0, msg: 'ok', data: { loggedIn: true } })
    })
  })
}

test('a dsBridge page opening a page that needs a login goes through sign-in to the page', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main, h5 } = await openH5(session, `${base}h5/dsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    await session.click('#open-personinfo')

    await session.cmd('POST', '/window', { handle: main })
    await session.waitFor('[data-testid="login"]')
    await signIn(session)
    await session.waitFor('[data-testid="page-title"]', { text: '个人信息' })
    await session.click('.van-nav-bar__left')

    await session.cmd('POST', '/window', { handle: h5 })
    const answer = JSON.parse(await session.text('#answer', { text: 'loggedIn' }))
    assert.equal(answer.code, 0)
    assert.equal(answer.data.loggedIn, true)
  })
})

test('backing out of the sign-in a page needed answers "login required"', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main, h5 } = await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    await session.click('#open-personinfo')

    await session.cmd('POST', '/window', { handle: main })
    await session.waitFor('[data-testid="login"]')
    await session.click('.van-nav-bar__left')

    await session.cmd('POST', '/window', { handle: h5 })
    const answer = JSON.parse(await session.text('#answer', { text: '1007' }))
    assert.equal(answer.code, 1007)
  })
})

test('a reload while a call waits does not crash, and the new page gets no stale answer', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main, h5 } = await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    // How long an answer takes here: backing out of the sign-in the page opened answers it.
    await session.click('#open-login')
    await session.cmd('POST', '/window', { handle: main })
    await session.waitFor('[data-testid="login"]')
    await session.click('.van-nav-bar__left')
    let backedOut = Date.now()
    await session.cmd('POST', '/window', { handle: h5 })
    await session.waitFor('#answers', { text: 'loggedIn' })
    const delay = Date.now() - backedOut

    await session.click('#open-login')
    await session.cmd('POST', '/refresh', {})
    await session.waitFor('#status', { text: 'JsBridge ready' })

    await session.cmd('POST', '/window', { handle: main })
    await session.waitFor('[data-testid="login"]')
    await session.click('.van-nav-bar__left')
    backedOut = Date.now()

    await session.cmd('POST', '/window', { handle: h5 })
    // Three times as long as that answer took, a stale one would have arrived.
    while (Date.now() < backedOut + 3 * delay && (await session.text('#answers')) === '') await sleep(50)
    assert.equal(await session.text('#answers'), '')
    // The bridge still works after the reload.
    await session.click('#app-info')
    assert.equal(JSON.parse(await session.text('#answer', { text: 'version' })).code, 0)
  })
})

test('an iframe inside an allowed page has no bridge', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    await openH5(session, `${base}h5/iframe.html`)
    await session.waitFor('#top-bridge', { text: 'present' })
    await session.waitFor('#frame-bridge', { text: 'none' })
  })
})

test('a page the environment does not trust is refused and gets no bridge', async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const main = await session.cmd('GET', '/window')
    const app = (await session.cmd('GET', '/url')).replace(/#.*$/, '')
    // The sandbox's API shares its origin but is not an H5 page.
    const url = `${base}__sandbox/sms`
    await session.cmd('POST', '/url', { url: `${app}#/web?url=${encodeURIComponent(url)}` })
    const refusal = '该网址不在当前环境允许的 H5 来源中'
    const refusalShown = `return document.querySelector('[data-testid="web"]')?.textContent.includes(${JSON.stringify(refusal)}) ?? false`
    await session.waitUntil(
      async () => (await session.cmd('GET', '/window/handles')).length > 1 || session.execute(refusalShown),
      'the page refused or opened',
    )
    // No window opened for the page, so there is no page that could hold a bridge. (The main
    // window is the app's own UI and never has one: its globals would prove nothing.)
    assert.deepEqual(await session.cmd('GET', '/window/handles'), [main], 'the refused page has no window')
    await session.waitFor('[data-testid="web"]', { text: refusal })
  })
})

test("the app's back button reaches the page's nativeBack handler first", async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main, h5 } = await openH5(session, `${base}h5/wvjb.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })

    await session.cmd('POST', '/window', { handle: main })
    await session.click('[data-testid="web-back"]')

    await session.cmd('POST', '/window', { handle: h5 })
    await session.waitFor('#native-event', { text: '{}' })
    // The page said it handled the back: it is still there.
    await session.waitFor('#status', { text: 'JsBridge ready' })

    await session.cmd('POST', '/window', { handle: main })
    await session.click('[data-testid="web-close"]')
    for (let i = 0; i < 50 && (await session.cmd('GET', '/window/handles')).length > 1; i++) await sleep(100)
    assert.deepEqual(await session.cmd('GET', '/window/handles'), [main])
  })
})

test("the page's bridge calls show in the request inspector, by origin and with their code", async (t) => {
  await withApp(t, async ({ session }) => {
    const base = await sandboxUrl(session)
    const { main } = await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })
    await session.click('#app-info')
    await session.waitFor('#answer', { text: 'version' })

    await session.cmd('POST', '/window', { handle: main })
    await session.cmd('POST', '/execute/sync', { script: "location.hash = '#/settings/inspector'", args: [] })
    await session.waitFor('[data-testid="inspector"]')
    await session.click('[data-testid="inspector-families"] .van-tab:nth-child(5)')
    const row = await session.text('[data-testid="bridge-call"]', { text: 'getAppInfo' })
    assert.match(row, new RegExp(base.replace(/\/$/, '').replace(/[.:/]/g, '\\$&')))
    assert.equal(await session.text('[data-testid="bridge-call-code"]'), '0')
  })
})
