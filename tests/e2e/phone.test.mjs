// The app on a phone-sized screen (390x844, an iPhone 14's points) with the safe areas such a
// phone has (47 px at the top for the notch and status bar, 34 px at the bottom for the home
// indicator, simulated through the insets the UI reads): on every page nothing the user reads
// or taps lies under them, and every control is at least 44 px tall.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { invoke, withApp } from './app.mjs'

const WIDTH = 390
const HEIGHT = 844
const INSET_TOP = 47
const INSET_BOTTOM = 34

/** The pages a signed-in user reaches, by their hash path. */
const PAGES = [
  '/',
  '/account/personinfo',
  '/account/edit',
  '/account/password',
  '/account/certify',
  '/account/mobile',
  '/account/level',
  '/account/switch',
  '/address',
  '/address/edit',
  '/invoice',
  '/invoice/edit',
  '/message',
  '/message?tab=message',
  '/settings',
  '/protocol',
  '/settings/environments',
  '/settings/inspector',
  '/settings/console',
]
const SIGNED_OUT_PAGES = ['/account/login', '/account/register', '/account/forgetpwd', '/account/setpwd']

/**
 * What breaks the rules on the page shown, scrolled to its top and then to its bottom: text or
 * controls under an inset, and controls shorter than 44 px.
 */
const AUDIT = `
  const [insetTop, insetBottom] = arguments
  const problems = []
  const describe = (element) => {
    const id = element.getAttribute('data-testid')
    const text = (element.textContent || element.getAttribute('placeholder') || '').trim().slice(0, 20)
    return element.tagName.toLowerCase() + (id ? '[' + id + ']' : '') + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\\s+/)[0] : '') + (text ? ' "' + text + '"' : '')
  }
  const shown = (element) => {
    const rect = element.getBoundingClientRect()
    const style = getComputedStyle(element)
    return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && !element.closest('[aria-hidden="true"], .van-popup[style*="display: none"], .van-overlay[style*="display: none"]')
  }
  const controls = [...document.querySelectorAll('button, a[href], [role="button"], .van-cell--clickable, .van-tabbar-item, .van-tab, .van-nav-bar__left, .van-radio, .van-checkbox, .van-switch, .van-field__control')]
    .filter(shown)
  for (const control of controls) {
    // A field's target is its row; so is a choice's in a row that is tapped as a whole.
    const target = control.matches('.van-field__control') ? control.closest('.van-cell') || control : control.closest('.van-cell--clickable') || control
    if (target.getBoundingClientRect().height < 44) problems.push('under 44 px: ' + describe(control) + ' ' + Math.round(target.getBoundingClientRect().height))
  }
  const texts = [...document.querySelectorAll('#app *')].filter((element) =>
    shown(element) && [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent.trim()))
  const check = (where) => {
    for (const element of [...texts, ...controls]) {
      const rect = element.getBoundingClientRect()
      if (element.closest('.van-nav-bar, .van-tabbar')) {
        if (rect.top < insetTop && rect.bottom > 0) problems.push(where + ' under the top inset: ' + describe(element))
        if (rect.bottom > innerHeight - insetBottom && rect.top < innerHeight) problems.push(where + ' under the bottom inset: ' + describe(element))
      }
    }
  }
  window.scrollTo(0, 0)
  check('at the top,')
  window.scrollTo(0, document.scrollingElement.scrollHeight)
  const fixedBottom = document.querySelector('.van-tabbar--fixed')
  // The tab bar keeps clear of the inset itself.
  const floor = fixedBottom ? fixedBottom.getBoundingClientRect().top : innerHeight - insetBottom
  const content = [...document.querySelectorAll('.app-page *')].filter((element) => shown(element) && getComputedStyle(element).position !== 'fixed' && !element.closest('.van-popup, .van-overlay, [style*="position: fixed"]'))
  for (const element of content) {
    if (element.getBoundingClientRect().bottom > floor + 1) problems.push('at the bottom, under the bottom inset or tab bar: ' + describe(element))
  }
  check('at the bottom,')
  window.scrollTo(0, 0)
  return [...new Set(problems)]
`

async function visit(session, path) {
  await session.cmd('POST', '/execute/sync', { script: 'location.hash = arguments[0]', args: [`#${path}`] })
  await session.waitFor('[data-testid="page-title"]')
  await session.settle()
}

test('on a phone, no page puts text or controls under the safe areas, and every control is 44 px tall', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.cmd('POST', '/window/rect', { width: WIDTH, height: HEIGHT })
    await session.waitFor('[data-testid="page-title"]')
    await session.cmd('POST', '/execute/sync', {
      script: `document.documentElement.style.setProperty('--lcs-inset-top', '${INSET_TOP}px')
        document.documentElement.style.setProperty('--lcs-inset-bottom', '${INSET_BOTTOM}px')`,
      args: [],
    })
    const found = {}
    for (const path of SIGNED_OUT_PAGES) {
      await visit(session, path)
      const problems = await session.cmd('POST', '/execute/sync', { script: AUDIT, args: [INSET_TOP, INSET_BOTTOM] })
      if (problems.length) found[path] = problems
    }
    for (const input of [
      { command: 'auth_customer_login', input: { by: 'email', loginName: 'demo@lcs.test', phoneArea: null, password: 'demo1234', code: null, remember: false } },
      { command: 'auth_user_center_login', input: { account: '13800000001', password: 'demo1234', code: null, remember: false } },
    ]) {
      const signedIn = await invoke(session, input.command, { input: input.input })
      assert.ok(signedIn.answer, JSON.stringify(signedIn))
    }
    for (const path of PAGES) {
      await visit(session, path)
      const problems = await session.cmd('POST', '/execute/sync', { script: AUDIT, args: [INSET_TOP, INSET_BOTTOM] })
      if (problems.length) found[path] = problems
    }
    assert.deepEqual(found, {})
  })
})
