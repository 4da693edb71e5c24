// H5 pages written for the bridges already in the field, unchanged, in the real app: one that
// bundles the official DSBridge library (the npm package's dist file), one in the Android
// JsBridge's style and one in the older WebViewJavascriptBridge's, each served from an origin
// the environment trusts.

import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { test } from 'node:test'
import { environment, invoke, openH5, sandboxUrl, useEnvironment, withApp } from './app.mjs'

const require = createRequire(import.meta.url)
const FILES = {
  '/dsbridge-library.html': new URL('./h5/dsbridge-library.html', import.meta.url),
  '/android-jsbridge.html': new URL('./h5/android-jsbridge.html', import.meta.url),
  '/wvjb-init.html': new URL('./h5/wvjb-init.html', import.meta.url),
  '/vendor/dsbridge.js': require.resolve('dsbridge/dist/dsbridge.js'),
}

/** Serves the pages above on a loopback port of their own; resolves with its origin. */
async function servePages(t) {
  const server = createServer(async (request, response) => {
    const file = FILES[new URL(request.url, 'http://page.test').pathname]
    if (!file) return response.writeHead(404).end()
    const type = String(file).endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8'
    response.writeHead(200, { 'content-type': type }).end(await readFile(file))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(() => server.close())
  return `http://127.0.0.1:${server.address().port}`
}

/** The answer the page shows once it contains `text`, parsed. */
async function answer(session, text) {
  return JSON.parse(await session.text('#answer', { text }))
}

async function clearAnswer(session) {
  await session.cmd('POST', '/execute/sync', { script: "document.getElementById('answer').textContent = ''", args: [] })
}

const PAGES = [
  { file: 'dsbridge-library', style: 'the official DSBridge library', nativeBack: '{}' },
  { file: 'android-jsbridge', style: "the Android JsBridge's style", nativeBack: 'string {}' },
  { file: 'wvjb-init', style: "the older WebViewJavascriptBridge's style", nativeBack: 'string {}' },
]

for (const { file, style, nativeBack } of PAGES) {
  test(`a page built on ${style} works unchanged`, async (t) => {
    const origin = await servePages(t)
    await withApp(t, async ({ session }) => {
      const base = await sandboxUrl(session)
      await useEnvironment(session, environment('authors', base, [{ origin, tier: 'trusted' }]))
      const { main, h5 } = await openH5(session, `${origin}/${file}.html`)
      await session.waitFor('#status', { text: 'ready' })

      // getAppInfo: synchronous for DSBridge, through a callback for the others.
      const info = JSON.parse(await session.text('#app-info', { text: 'version' }))
      assert.deepEqual({ code: info.code, platform: info.data.platform, language: info.data.language }, {
        code: 0,
        platform: 'linux',
        language: 'zh-CN',
      })
      if (file === 'dsbridge-library') {
        assert.equal(await session.text('#has-method'), 'true true false', 'openPage, getAppInfo (syn), noSuchMethod')
        // The synchronous answer follows the app's language as soon as it changes.
        await session.cmd('POST', '/window', { handle: main })
        assert.ok((await invoke(session, 'settings_set_language', { language: 'en-US' })).answer)
        await session.cmd('POST', '/window', { handle: h5 })
        await session.click('#app-info-again')
        assert.equal(JSON.parse(await session.text('#app-info', { text: 'en-US' })).data.language, 'en-US')
        await session.cmd('POST', '/window', { handle: main })
        assert.ok((await invoke(session, 'settings_set_language', { language: 'zh-CN' })).answer)
        await session.cmd('POST', '/window', { handle: h5 })
      }

      await session.click('#unknown')
      assert.equal((await answer(session, '1001')).code, 1001)
      if (file === 'android-jsbridge') {
        await session.click('#send')
        assert.equal((await answer(session, 'default handler')).code, 1001)
      }

      // The app's back button reaches the page's nativeBack handler, which keeps the page.
      await session.cmd('POST', '/window', { handle: main })
      await session.click('[data-testid="web-back"]')
      await session.cmd('POST', '/window', { handle: h5 })
      assert.equal(await session.text('#native-event', { text: '{}' }), nativeBack)
      await session.waitFor('#status', { text: 'ready' })

      await clearAnswer(session)
      await session.click('#open-login')
      await session.cmd('POST', '/window', { handle: main })
      await session.waitFor('[data-testid="login"]')
      await session.type('[data-testid="customer-login-name"] input', 'demo@lcs.test')
      await session.type('[data-testid="customer-password"] input', 'demo1234')
      await session.click('[data-testid="login-submit"]')
      await session.cmd('POST', '/window', { handle: h5 })
      assert.deepEqual(await answer(session, 'loggedIn'), { code: 0, msg: 'ok', data: { loggedIn: true } })

      await clearAnswer(session)
      await session.click('#open-personinfo')
      await session.cmd('POST', '/window', { handle: main })
      await session.waitFor('[data-testid="page-title"]', { text: '个人信息' })
      await session.click('.van-nav-bar__left')
      await session.cmd('POST', '/window', { handle: h5 })
      assert.deepEqual(await answer(session, 'loggedIn'), { code: 0, msg: 'ok', data: { loggedIn: true } })
    })
  })
}
