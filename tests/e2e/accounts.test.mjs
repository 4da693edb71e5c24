import assert from 'node:assert/strict'
import { test } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { sandboxHelper, sandboxUrl, withApp } from './app.mjs'

/** The newest unused code the sandbox sent to `phone` (+86), as the tester's phone shows it. */
async function codeSentTo(baseUrl, phone) {
  const target = `phone:+86${phone}`
  for (let tries = 0; tries < 50; tries += 1) {
    const codes = await (await sandboxHelper(baseUrl, 'sms')).json()
    const sent = codes.filter((code) => code.target === target && !code.used).at(-1)
    if (sent) return sent.code
    await sleep(100)
  }
  throw new Error(`no code was sent to ${target}`)
}

/** Asks for a code for the phone on the page and types in the one the sandbox sent. */
async function typeCodeSentTo(session, baseUrl, phone) {
  await session.click('[data-testid="send-code"]')
  await session.waitFor('[data-testid="send-code"]', { text: '60' })
  await session.type('[data-testid="code"] input', await codeSentTo(baseUrl, phone))
}

/** Waits until no toast covers the page, as a user waits before tapping what it hid. */
async function toastsGone(session) {
  for (let tries = 0; tries < 100; tries += 1) {
    const toasts = await session.cmd('POST', '/elements', { using: 'css selector', value: '.van-toast' })
    const shown = await Promise.all(toasts.map((toast) => session.cmd('GET', `/element/${Object.values(toast)[0]}/displayed`)))
    if (!shown.includes(true)) return
    await sleep(100)
  }
  throw new Error('a toast stayed on the page')
}

/** A number no earlier run registered: 139 and the last eight digits of the clock. */
const freshPhone = () => `139${String(Date.now()).slice(-8)}`

test('a new customer registers by phone, retrieves the password and signs in with the new one', async (t) => {
  await withApp(t, async (app) => {
    const session = app.session
    const baseUrl = await sandboxUrl(session)
    const phone = freshPhone()

    await session.click('[data-testid="home-sign-in"]')
    await session.click('[data-testid="to-register"]')
    await session.type('[data-testid="phone"] input', phone)
    await typeCodeSentTo(session, baseUrl, phone)
    await session.type('[data-testid="password"] input', 'first1234')
    await session.click('[data-testid="privacy-accept"]')
    await app.screenshot('1-register')
    await session.click('[data-testid="register-submit"]')

    // Registration does not sign in: the sign-in page opens with the number filled in.
    await session.waitFor('[data-testid="login"]')
    const loginName = await session.waitFor('[data-testid="customer-login-name"] input')
    assert.equal(await session.cmd('GET', `/element/${loginName}/property/value`), phone)
    await app.screenshot('2-registered')
    await toastsGone(session)

    await session.click('[data-testid="to-forgetpwd"]')
    await session.type('[data-testid="phone"] input', phone)
    await typeCodeSentTo(session, baseUrl, phone)
    await app.screenshot('3-verify-phone')
    await toastsGone(session)
    await session.click('[data-testid="forgot-submit"]')
    await session.type('[data-testid="password"] input', 'second1234')
    await session.type('[data-testid="confirm"] input', 'second1234')
    await app.screenshot('4-new-password')
    await session.click('[data-testid="forgot-submit"]')

    await session.waitFor('[data-testid="login"]')
    await session.type('[data-testid="customer-password"] input', 'second1234')
    await app.screenshot('5-sign-in')
    await toastsGone(session)
    await session.click('[data-testid="login-submit"]')
    await session.waitFor('[data-testid="home-status"]', { text: phone })
    await app.screenshot('6-signed-in')
  })
})
