import assert from 'node:assert/strict'
import { test } from 'node:test'
import { sandboxUrl, withApp } from './app.mjs'

/** The demo planner user signs in elsewhere: the sandbox ends the app's session as kicked. */
async function signInElsewhere(baseUrl) {
  const common = { platid: '2015100011', vercode: '1', channel: '1CWR' }
  const query = new URLSearchParams({
    ...common,
    client_id: 'lcs-account',
    client_secret: 'lcs-sandbox-secret',
    redirect_uri: 'lcs://oauth',
    response_type: 'code',
    scope: 'account',
  })
  const authorization = await (await fetch(`${baseUrl}srv/v1/authorization?${query}`)).json()
  const login = await fetch(`${baseUrl}srv/v1/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...common,
      vercode: 1,
      username: 'demo',
      password: 'demo1234',
      authorizationcode: authorization.authorizationcode,
    }),
  })
  assert.equal((await login.json()).error, '0')
}

test('a remembered sign-in survives a restart, and a sign-in elsewhere is explained', async (t) => {
  await withApp(t, async (app) => {
    await app.session.click('[data-testid="home-sign-in"]')
    await app.session.click('[data-testid="login-families"] .van-tab:nth-child(3)')
    await app.session.type('[data-testid="planner-username"] input', 'demo')
    await app.session.type('[data-testid="planner-password"] input', 'demo1234')
    await app.session.click('[data-testid="login-submit"]')
    await app.session.waitFor('[data-testid="home-status"]', { text: 'demo' })

    let session = await app.restart()
    await session.waitFor('[data-testid="home-status"]', { text: 'demo' })
    await session.click('[data-testid="tab-settings"]')
    await session.waitFor('[data-testid="session-planner"]', { text: 'demo' })
    assert.match(await session.text('[data-testid="keychain-status"]'), /可用|Available/)

    await signInElsewhere(await sandboxUrl(session))
    session = await app.restart()
    await session.waitFor('[data-testid="signout-reason"]', { text: '其他设备' })
    assert.match(await session.text('[data-testid="home-status"]'), /未登录|Not signed in/)
  })
})
