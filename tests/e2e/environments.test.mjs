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
