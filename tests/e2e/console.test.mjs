import assert from 'node:assert/strict'
import { test } from 'node:test'
import { invoke, withApp } from './app.mjs'

const DEMO_EMAIL = 'demo@lcs.test'
/** The demo password's MD5, as family A takes it. */
const DEMO_PASSWORD_MD5 = '6e9bece1914809fb8493146417e722f6'

test('the API console sends a call from its generated form and shows the answer, tokens hidden', async (t) => {
  await withApp(t, async (app) => {
    const { session } = app
    await session.click('[data-testid="tab-settings"]')
    await session.click('[data-testid="console-link"]')
    await session.waitFor('[data-testid="console-count"]', { text: '76' })
    await app.screenshot('list')

    await session.type('[data-testid="console-search"] input', 'customer.login')
    await session.click('[data-testid="console-call-customer.login"]')
    await session.waitFor('[data-testid="call-form"]')
    await session.click('[data-testid="param-type"] .van-radio', { text: '1 · ' })
    await session.type('[data-testid="param-loginName"] input', DEMO_EMAIL)
    await session.click('[data-testid="param-device"] .van-radio', { text: '9 · ' })
    await session.click('[data-testid="param-isThird"] .van-radio', { text: 'false' })
    await session.type('[data-testid="param-loginPwd"] input', DEMO_PASSWORD_MD5)
    await app.screenshot('form')

    await session.click('[data-testid="call-send"]')
    const answer = await session.text('[data-testid="call-answer"]', { text: DEMO_EMAIL })
    assert.match(answer, /"token": "<redacted>"/)
    assert.match(answer, /"accountList": \[/)
    await app.screenshot('answer')

    // The call went over the wire like any other: the inspector has it, its secrets redacted,
    // and copies it as curl through the webview's clipboard.
    await session.click('[data-testid="call-inspect"]')
    await session.click('[data-testid="inspector-list"] .van-cell', { text: '/api/login/customer.app.CustomerWebApiService.login' })
    const request = await session.text('[data-testid="details-request"]', { text: DEMO_EMAIL })
    assert.match(request, /"loginPwd": "<redacted>"/)
    assert.doesNotMatch(request, new RegExp(DEMO_PASSWORD_MD5))
    await app.screenshot('inspector')
    await session.click('[data-testid="copy-curl"]')
    await session.waitFor('.van-toast--success')
  })
})

test('every call is its own typed command: checked in Rust before sending, answered with tokens hidden', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.waitFor('[data-testid="page-title"]')
    const request = { type: 1, loginName: DEMO_EMAIL, device: 9, isThird: false, loginPwd: DEMO_PASSWORD_MD5 }
    const signedIn = await invoke(session, 'api_customer_login', { request })
    assert.equal(signedIn.refusal, undefined, JSON.stringify(signedIn.refusal))
    assert.equal(signedIn.answer.email, DEMO_EMAIL)
    assert.equal(signedIn.answer.token, '<redacted>')
    assert.ok(signedIn.answer.accountList.length > 0)

    // A request its type cannot hold never leaves the app: Tauri refuses the argument.
    const refused = await invoke(session, 'api_customer_login', { request: { ...request, device: 42 } })
    assert.equal(refused.answer, undefined)
    assert.match(String(refused.refusal), /invalid args `request`/)

    // A call that needs a session, without one, fails with the typed error the UI branches on.
    const detail = await invoke(session, 'api_planner_get_account_detail', { request: null })
    assert.equal(detail.refusal?.code, 'unauthorized', JSON.stringify(detail))
  })
})
