import assert from 'node:assert/strict'
import { test } from 'node:test'
import { withApp } from './app.mjs'

const PREPROD = 'https://prewppc-3.cmfbl.com'

test('the chosen environment survives a restart', async (t) => {
  await withApp(t, async (app) => {
    await app.session.click('[data-testid="tab-settings"]')
    await app.session.click('[data-testid="environment-current"]', { text: 'http://127.0.0.1:' })
    await app.session.click('[data-testid="environment-preprod"]')
    await app.session.waitFor('[data-testid="environment-preprod"] .van-radio__icon--checked')

    const session = await app.restart()
    await session.click('[data-testid="tab-settings"]')
    // Pre-production has no companyId yet, so Settings shows it chosen but unavailable.
    const current = await session.text('[data-testid="environment-current"]')
    assert.match(current, new RegExp(PREPROD.replaceAll('.', '\\.')))
    await session.click('[data-testid="environment-current"]')
    await session.waitFor('[data-testid="environment-preprod"] .van-radio__icon--checked')
    const sandbox = await session.cmd('POST', '/elements', {
      using: 'css selector',
      value: '[data-testid="environment-sandbox"] .van-radio__icon--checked',
    })
    assert.equal(sandbox.length, 0)
  })
})

/** The value of the input in the editor's field `testid`. */
function valueOf(session, testid) {
  return session.execute('return document.querySelector(arguments[0]).value', [`[data-testid="${testid}"] input`])
}

/** Brings the editor's allowed H5 origins into view, for a screenshot of the new rows. */
function showOrigins(session) {
  return session.execute("document.querySelector('[data-testid=\"h5-origins\"]').scrollIntoView({ block: 'end' })")
}

test("an environment's planner client, H5 origins and language survive an edit and a restart", async (t) => {
  await withApp(t, async (app) => {
    await app.session.click('[data-testid="tab-settings"]')
    await app.session.click('[data-testid="environment-current"]', { text: 'http://127.0.0.1:' })
    await app.session.click('[data-testid="environment-add"]')
    const fields = {
      id: 'staging',
      name: 'Staging',
      customerBase: 'https://a.staging.example',
      userCenterBase: 'https://a.staging.example',
      plannerBase: 'https://a.staging.example',
      companyId: '42',
      plannerClientId: 'lcs-staging',
      plannerClientSecret: 'staging-registration',
    }
    for (const [field, value] of Object.entries(fields)) {
      await app.session.type(`[data-testid="field-${field}"] input`, value)
    }
    await app.session.click('[data-testid="lang-en-US"]')
    await app.session.click('[data-testid="h5Origin-add"]')
    await app.session.type('[data-testid="field-h5Origin-0"] input', 'https://h5.staging.example')
    await app.session.click('[data-testid="h5Origin-add"]')
    await app.session.type('[data-testid="field-h5Origin-1"] input', 'https://partner.example:8443')
    await app.session.click('[data-testid="h5Tier-1-partner"]')
    await showOrigins(app.session)
    await app.screenshot('editor-zh-CN')
    await app.session.click('[data-testid="environment-save"]')
    await app.session.waitFor('[data-testid="environment-staging"]')

    // An edit of one field keeps the rest.
    await app.session.click('[data-testid="environment-edit-staging"]')
    await app.session.type('[data-testid="field-name"] input', 'Staging (renamed)')
    await app.session.click('[data-testid="environment-save"]')
    await app.session.waitFor('[data-testid="environment-staging"]', { text: 'Staging (renamed)' })

    const session = await app.restart()
    await session.click('[data-testid="tab-settings"]')
    await session.click('[data-testid="language-en-US"]')
    await session.click('[data-testid="environment-current"]')
    await session.click('[data-testid="environment-edit-staging"]')
    assert.equal(await valueOf(session, 'field-plannerClientId'), 'lcs-staging')
    assert.equal(await valueOf(session, 'field-plannerClientSecret'), 'staging-registration')
    assert.equal(await valueOf(session, 'field-h5Origin-0'), 'https://h5.staging.example')
    assert.equal(await valueOf(session, 'field-h5Origin-1'), 'https://partner.example:8443')
    await session.waitFor('[data-testid="h5Tier-0-trusted"] .van-radio__icon--checked')
    await session.waitFor('[data-testid="h5Tier-1-partner"] .van-radio__icon--checked')
    await session.waitFor('[data-testid="lang-en-US"] .van-radio__icon--checked')
    await session.waitFor('[data-testid="field-h5Tier-1"]', { text: 'Partner' })
    await showOrigins(session)
    await app.screenshot('editor-en-US')
  })
})
