import assert from 'node:assert/strict'
import { test } from 'node:test'
import { withApp } from './app.mjs'
import { assertNoEnglish } from './english.mjs'

const PREPROD = 'https://prewppc-3.cmfbl.com'

/** Types each of `fields` into the environment editor's field of that name. */
async function typeFields(session, fields) {
  for (const [field, value] of Object.entries(fields)) {
    await session.type(`[data-testid="field-${field}"] input`, value)
  }
}

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
    await typeFields(app.session, fields)
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

test("an environment Rust refuses is worded in Chinese, with Rust's words behind Details", async (t) => {
  await withApp(t, async (app) => {
    await app.session.click('[data-testid="tab-settings"]')
    await app.session.click('[data-testid="environment-current"]', { text: 'http://127.0.0.1:' })
    // Pre-production comes without the company id its operator issues.
    await app.session.waitFor('[data-testid="environment-preprod"]', { text: '请填写公司编号 companyId' })
    await assertNoEnglish(app.session)

    // An id the UI cannot know is taken: only Rust refuses it.
    await app.session.click('[data-testid="environment-add"]')
    const fields = {
      id: 'preprod',
      name: 'Mine',
      customerBase: 'https://a.mine.example',
      userCenterBase: 'https://a.mine.example',
      plannerBase: 'https://a.mine.example',
      companyId: '42',
    }
    await typeFields(app.session, fields)
    await app.session.click('[data-testid="environment-save"]')
    await app.session.waitFor('.error-toast', { text: '标识“preprod”已被使用，请换一个' })
    await app.session.waitFor('[data-testid="field-id"]', { text: '标识“preprod”已被使用' })
    await assertNoEnglish(app.session)

    // The toast stays four seconds: long enough to reach its link.
    await app.session.click('.error-toast [data-testid="error-details"]')
    await app.session.waitFor('.error-details-dialog', { text: 'id: "preprod" is already taken' })
    await app.screenshot('refused-details')
  })
})
