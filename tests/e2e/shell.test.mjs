import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sandboxHelper, withApp } from './app.mjs'

test('the app starts on Home', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.waitFor('[data-testid="home"]')
    await session.waitFor('[data-testid="home-sign-in"]')
    await session.waitFor('[data-testid="tabbar"]')
  })
})

test('a command round-trips from the UI to Rust and back', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.click('[data-testid="tab-settings"]')
    // The identifier and Tauri version come from Rust's app_info command.
    const about = await session.waitFor('[data-testid="about"]', { text: 'com.lcs.account' })
    const text = await session.cmd('GET', `/element/${about}/text`)
    assert.match(text, /2\.12\.\d+/)
  })
})

test('switching the language changes the visible text and survives a restart', async (t) => {
  await withApp(t, async (app) => {
    await app.session.click('[data-testid="tab-settings"]')
    await app.session.click('[data-testid="language-zh-CN"]')
    await app.session.waitFor('[data-testid="page-title"]', { text: '设置' })
    await app.session.waitFor('[data-testid="tabbar"]', { text: '首页' })

    await app.session.click('[data-testid="language-en-US"]')
    await app.session.waitFor('[data-testid="page-title"]', { text: 'Settings' })
    await app.session.waitFor('[data-testid="tabbar"]', { text: 'Home' })

    const session = await app.restart()
    await session.waitFor('[data-testid="home"]')
    await session.waitFor('[data-testid="tabbar"]', { text: 'Home' })
    assert.match(await session.text('[data-testid="home-sign-in"]'), /Sign in/)
  })
})

test('the backends answer in the language the user just chose, without a restart', async (t) => {
  await withApp(t, async ({ session }) => {
    for (const [language, policy] of [
      ['en-US', 'LCS Account Privacy Policy'],
      ['zh-CN', 'LCS 账户隐私政策'],
    ]) {
      await session.execute("window.location.hash = '#/settings'")
      await session.click(`[data-testid="language-${language}"]`)
      await session.waitFor(`[data-testid="language-${language}"] .van-radio__icon--checked`)
      // The user centre's privacy policy follows the language the app tells it.
      await session.execute("window.location.hash = '#/protocol'")
      await session.waitFor('[data-testid="protocol-text"]', { text: policy })
    }
  })
})

test('the built-in sandbox starts with the app and serves its helpers only to callers with its secret', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.click('[data-testid="tab-settings"]')
    const environment = await session.waitFor('[data-testid="environment"]', { text: 'http://127.0.0.1:' })
    const text = await session.cmd('GET', `/element/${environment}/text`)
    const baseUrl = text.match(/http:\/\/127\.0\.0\.1:\d+\//)[0]

    const ask = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phoneArea: '+86', phone: '13800000001' }) }
    // Its helpers answer only the secret the app was started with; no page from elsewhere.
    assert.equal((await fetch(`${baseUrl}__sandbox/sms`, ask)).status, 403)
    const foreignPage = { ...ask, headers: { ...ask.headers, origin: 'https://evil.example' } }
    assert.equal((await sandboxHelper(baseUrl, 'sms', foreignPage)).status, 403)
    const response = await sandboxHelper(baseUrl, 'sms', ask)
    assert.equal(response.status, 200)
    assert.match((await response.json()).code, /^\d{6}$/)
  })
})

test('the sign-in page lists the sandbox demo accounts', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.click('[data-testid="home-sign-in"]')
    await session.waitFor('[data-testid="demo-accounts"]', { text: '13800000001' })
    await session.waitFor('[data-testid="demo-accounts"]', { text: 'demo5678' })
  })
})
