// A user's journey through the app's screens against the built-in sandbox, in one language,
// with a screenshot per step under target/e2e-screenshots/<language>/<nn>-<step>.png. Each
// language's test file runs it (a file has two minutes under `npm run e2e`, one journey's worth).

import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { callSandbox, clearScreenshots, sandboxHelper, screenshot, withApp } from './app.mjs'

/** What the user reads on the way, in each language (the app's locale files are TypeScript). */
const TEXTS = {
  'zh-CN': {
    home: '首页',
    messages: '消息',
    settings: '设置',
    signedOut: '未登录',
    signedIn: '已登录',
    personInfo: '个人信息',
    profileEdit: '编辑资料',
    addresses: '收货地址',
    addressAdd: '新增收货地址',
    addressEdit: '修改收货地址',
    addressDefault: '默认',
    addressRemoved: (name) => `已删除“${name}”的地址`,
    undo: '撤销',
    invoices: '发票',
    invoiceAdd: '新增发票信息',
    company: '企业',
    electronic: '电子发票',
    chats: '聊天',
    trading: '交易账户',
    signIn: '登录',
    real: '真实账户',
    demo: '模拟账户',
    active: '当前',
    resetDone: '模拟账户已重置',
    wechatTitle: '用微信扫一扫',
    memberAccount: '会员账户',
    needsTrading: '登录交易账户',
  },
  'en-US': {
    home: 'Home',
    messages: 'Messages',
    settings: 'Settings',
    signedOut: 'Not signed in',
    signedIn: 'Signed in',
    personInfo: 'Personal information',
    profileEdit: 'Edit profile',
    addresses: 'Delivery addresses',
    addressAdd: 'New delivery address',
    addressEdit: 'Change delivery address',
    addressDefault: 'Default',
    addressRemoved: (name) => `Deleted the address of ${name}`,
    undo: 'Undo',
    invoices: 'Invoices',
    invoiceAdd: 'New invoice details',
    company: 'Company',
    electronic: 'Electronic',
    chats: 'Chats',
    trading: 'Trading accounts',
    signIn: 'Sign in',
    real: 'Real account',
    demo: 'Demo account',
    active: 'Active',
    resetDone: 'Demo account reset',
    wechatTitle: 'Scan with WeChat',
    memberAccount: 'Member account',
    needsTrading: 'Sign in to your Trading account',
  },
}

/** A picture to upload as the avatar: the app's own icon. */
const PICTURE = fileURLToPath(new URL('../../icons/128x128.png', import.meta.url))

/** The sandbox's first demo user, as the sign-in page lists it, and its member nickname. */
const DEMO = { phone: '13800000001', email: 'demo@lcs.test', password: 'demo1234', nickname: '演示用户' }

/** A demo trading account's balance when it is opened, and again after a reset. */
const DEMO_OPENING_BALANCE = '100000.0000'

/**
 * One run through the screens: the session, the language's texts, and `shot(step)`, which saves
 * <language>/<prefix><nn>-<step>.png, numbered in the order they are taken. `env` is the app's
 * environment, for `lcs`; `sandbox` the built-in sandbox's address once Settings showed it.
 */
function journey(session, env, language, prefix = '') {
  let taken = 0
  return {
    session,
    env,
    sandbox: '',
    language,
    text: TEXTS[language],
    async shot(step) {
      taken += 1
      await screenshot(session, `${language}/${prefix}${String(taken).padStart(2, '0')}-${step}`)
    },
  }
}

/**
 * Clicks the first element under `css` whose content includes `text`. For a picker's options,
 * which WebDriver reads as no text while their column is scrolled by a transform.
 */
async function clickContaining(session, css, text) {
  const element = await session.waitUntil(
    () =>
      session.execute(
        'return [...document.querySelectorAll(arguments[0])].find((e) => e.textContent.trim() === arguments[1]) ?? null',
        [css, text],
      ),
    `${css} reading ${JSON.stringify(text)}`,
  )
  await session.clickElement(Object.values(element)[0])
}

/**
 * The selector of the list row (`kind` address or invoice) showing `name`, once the server has
 * it: a row added offline-first has a temporary id until then.
 */
async function syncedRow(session, kind, name) {
  const id = await session.waitUntil(
    () =>
      session.execute(
        `const row = [...document.querySelectorAll('.van-swipe-cell[data-testid^="${kind}-"]')]
          .find((e) => e.textContent.includes(arguments[0]))
        return row && !row.querySelector('[data-testid="pending"]') ? row.dataset.testid : null`,
        [name],
      ),
    `the ${kind} ${JSON.stringify(name)} saved on the server`,
  )
  return `[data-testid="${id}"]`
}

/**
 * Asks the sandbox `call` (through `lcs`, with the app's sessions) until `holds(answer)` is
 * true, and answers that answer: what the app sends in the background reaches the server a
 * little after the screen shows it.
 */
async function onServer(ui, call, params, holds, what) {
  let answer
  try {
    await ui.session.waitUntil(async () => holds((answer = await callSandbox(ui.env, ui.sandbox, call, params))), what)
  } catch (error) {
    throw new Error(`the server did not say ${what}: ${call} answered ${JSON.stringify(answer)}`, { cause: error })
  }
  return answer
}

/** The sandbox's delivery addresses of the signed-in user, by id, once `holds(them)`. */
async function serverAddresses(ui, holds, what) {
  const byId = (list) => new Map(list.items.map((address) => [String(address.ud_id), address]))
  return byId(await onServer(ui, 'user_center.address_list', { size: 100 }, (list) => holds(byId(list)), what))
}

/** The row's server id, from its selector (`[data-testid="address-12"]`). */
const rowId = (row) => row.match(/-(\d+)"\]$/)[1]

/**
 * The demo customer as the customer API sees it now: its active trading account
 * (`companyType`) and its accounts, read by signing in afresh through `lcs`.
 */
function serverCustomer(ui) {
  return callSandbox(ui.env, ui.sandbox, 'customer.login', {
    type: 1,
    loginName: DEMO.email,
    device: 2,
    isThird: false,
    loginPwd: createHash('md5').update(DEMO.password).digest('hex'),
  })
}

/** The customer's demo trading account in a customer API answer (`type` 2). */
const demoAccount = (customer) => customer.accountList.find((account) => account.type === 2)

/** Waits until an element `css` matches has `text` in its content. */
async function waitForContent(session, css, text) {
  await session.waitUntil(
    () =>
      session.execute('return [...document.querySelectorAll(arguments[0])].some((e) => e.textContent.includes(arguments[1]))', [
        css,
        text,
      ]),
    `${css} containing ${JSON.stringify(text)}`,
  )
}

/** The texts of the elements `css` matches, in page order. */
function textsOf(session, css) {
  return session.execute('return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent.trim())', [css])
}

/** The window's size for most of the journey (tauri.conf.json), and a phone's. */
const WINDOW = { width: 420, height: 800 }
const PHONE = { width: 390, height: 844 }

/** The texts of the elements `css` matches that run onto a second line. */
function wrapped(session, css) {
  return session.execute(
    `return [...document.querySelectorAll(arguments[0])]
      .filter((e) => e.getClientRects().length && e.scrollHeight > parseFloat(getComputedStyle(e).lineHeight) * 1.5)
      .map((e) => e.textContent.trim())`,
    [css],
  )
}

/** Back to the previous page with the nav bar's arrow. */
async function back(ui, landsOn) {
  await ui.session.click('.van-nav-bar__left')
  await ui.session.waitFor('[data-testid="page-title"]', { text: landsOn })
}

/** Home by the tab bar, then one of its service tiles. */
async function openService(ui, route, title) {
  await ui.session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
  await ui.session.waitFor('[data-testid="home"]')
  await ui.session.click(`[data-testid="service-${route}"]`)
  await ui.session.waitFor('[data-testid="page-title"]', { text: title })
}

/** Confirms the dialog on screen. */
async function confirmDialog(session) {
  await session.waitFor('.van-dialog')
  await session.settle()
  await session.click('.van-dialog__confirm')
  await session.waitGone('.van-dialog:not([style*="display: none"])')
}

/** The language is the user's choice in Settings; the rest of the run is in it. */
async function chooseLanguage(ui) {
  await ui.session.click('[data-testid="tab-settings"]')
  await ui.session.click(`[data-testid="language-${ui.language}"]`)
  await ui.session.waitFor('[data-testid="page-title"]', { text: ui.text.settings })
  await ui.session.waitFor(`[data-testid="language-${ui.language}"] .van-radio__icon--checked`)
  const environment = await ui.session.text('[data-testid="environment"]', { text: 'http://127.0.0.1:' })
  ui.sandbox = environment.match(/http:\/\/127\.0\.0\.1:\d+\//)[0]
  await ui.shot('language')
}

/** Signs in to the user centre (family B) with the first demo account the sign-in page lists. */
async function signInUserCentre(ui) {
  const { session, text } = ui
  await session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
  await session.waitFor('[data-testid="home-status"]', { text: text.signedOut })
  await session.click('[data-testid="home-sign-in"]')
  await session.click('[data-testid="login-families"] .van-tab:nth-child(2)')
  await session.click('[data-testid="demo-accounts"] .van-cell', { text: DEMO.phone })
  const account = await session.waitFor('[data-testid="user-center-account"] input')
  assert.equal(await session.cmd('GET', `/element/${account}/property/value`), DEMO.phone)
  await ui.shot('sign-in-user-centre')
  await session.click('[data-testid="login-submit"]')
  // Named by the member profile's nickname rather than the phone number signed in with.
  await session.waitFor('[data-testid="home-status"]', { text: DEMO.nickname })
  await session.waitFor('[data-testid="home-signed-in-to"]', { text: text.memberAccount })
  // The trading accounts need the other sign-in, and say so.
  await session.waitFor('[data-testid="needs-customer"] .van-button', { text: text.needsTrading })
  await ui.shot('home-signed-in')
}

/** A new nickname, saved from the profile editor, shows on personal information. */
async function editProfile(ui) {
  const { session, text } = ui
  const nickname = ui.language === 'zh-CN' ? '小明同学' : 'Ming'
  await openService(ui, 'lcs.account.personinfo', text.personInfo)
  await session.click('[data-testid="person-edit"]')
  await session.waitFor('[data-testid="page-title"]', { text: text.profileEdit })
  await session.type('[data-testid="nickname"] input', nickname)
  await session.cmd('POST', '/window/rect', PHONE)
  await session.settle()
  assert.deepEqual(await wrapped(session, '.van-field__label, .van-radio__label'), [])
  await ui.shot('profile-edit')
  await session.cmd('POST', '/window/rect', WINDOW)
  await session.click('[data-testid="save"]')
  await session.waitFor('[data-testid="page-title"]', { text: text.personInfo })
  await session.waitFor('[data-testid="person-nickname"]', { text: nickname })
  await onServer(ui, 'user_center.user_info', {}, (user) => user.user_nickname === nickname, `the nickname ${nickname}`)
  await ui.shot('profile-saved')
  await back(ui, text.home)
}

/**
 * Avatars go through the planner account: from the editor, sign in to it (and come back), pick
 * a picture, frame it, upload it, and see the server's copy shown.
 */
async function uploadAvatar(ui) {
  const { session, text } = ui
  await openService(ui, 'lcs.account.personinfo', text.personInfo)
  await session.click('[data-testid="person-edit"]')
  // The sign-in page opens on the planner's form.
  await session.click('[data-testid="avatar-sign-in-planner"]')
  await session.type('[data-testid="planner-username"] input', 'demo')
  await session.type('[data-testid="planner-password"] input', 'demo1234')
  await session.click('[data-testid="login-submit"]')
  await session.waitFor('[data-testid="page-title"]', { text: text.profileEdit })
  const picker = await session.waitFor('[data-testid="avatar-uploader"] input[type="file"]')
  await session.cmd('POST', `/element/${picker}/value`, { text: PICTURE })
  await session.waitFor('[data-testid="avatar-crop"]')
  await ui.shot('avatar-crop')
  await session.click('[data-testid="avatar-confirm"]')
  await session.waitUntil(
    () => session.execute('return document.querySelector(\'[data-testid="avatar-uploader"] img\')?.src.includes("127.0.0.1") ?? false'),
    'the uploaded avatar shown from the server',
  )
  await session.waitGone('.crop-popup:not([style*="display: none"])')
  // The picture shown is the one the user centre now names as the avatar, and the server has it.
  const shown = await session.execute('return document.querySelector(\'[data-testid="avatar-uploader"] img\').src')
  await onServer(ui, 'user_center.user_info', {}, (user) => user.user_avatar === shown, `the avatar ${shown}`)
  const picture = await fetch(shown)
  assert.equal(picture.status, 200)
  assert.match(picture.headers.get('content-type'), /^image\//)
  assert.ok((await picture.arrayBuffer()).byteLength > 0, 'the avatar has content')
  await ui.shot('avatar-uploaded')
  await back(ui, text.personInfo)
  await back(ui, text.home)
}

/** Add an address with its region, change it, make it the default, delete it. */
async function addresses(ui) {
  const { session, text } = ui
  const name = ui.language === 'zh-CN' ? '王小明' : 'Li Lei'
  const renamed = `${name}2`
  await openService(ui, 'lcs.address.list', text.addresses)
  await session.waitFor('.van-swipe-cell[data-testid^="address-"] [data-testid="open"]')
  await ui.shot('addresses')

  await session.click('[data-testid="address-add"]')
  await session.waitFor('[data-testid="address-edit-heading"]', { text: text.addressAdd })
  await session.type('.van-address-edit__fields .van-field:nth-child(1) input', name)
  await session.type('.van-address-edit__fields input[type="tel"]', '13912345678')
  await session.click('.van-address-edit__fields .van-field:nth-child(3)')
  await session.waitFor('.van-picker-column')
  await session.settle()
  await clickContaining(session, '.van-picker-column:nth-child(1) .van-picker-column__item', '北京市')
  await session.settle()
  await clickContaining(session, '.van-picker-column:nth-child(2) .van-picker-column__item', '北京市')
  await session.settle()
  await clickContaining(session, '.van-picker-column:nth-child(3) .van-picker-column__item', '东城区')
  await session.settle()
  await session.click('.van-picker__confirm')
  await session.waitFor('.van-address-edit__fields .van-field:nth-child(3) input')
  await session.waitUntil(
    () =>
      session.execute(
        "return document.querySelector('.van-address-edit__fields .van-field:nth-child(3) input').value.includes('东城区')",
      ),
    'the chosen region in the form',
  )
  await session.type('.van-address-edit-detail textarea', '东直门南大街 1 号')
  await ui.shot('address-add')
  await session.click('.van-address-edit__buttons .van-button--primary')
  await session.waitFor('[data-testid="page-title"]', { text: text.addresses })
  let row = await syncedRow(session, 'address', name)
  await session.waitFor(row, { text: '北京市 北京市 东城区 东直门南大街 1 号' })
  const id = rowId(row)
  const added = (await serverAddresses(ui, (all) => all.has(id), `an address ${id}`)).get(id)
  assert.deepEqual(
    [added.ud_name, added.ud_mobile, added.ud_province, added.ud_city, added.ud_county, added.ud_address],
    [name, '13912345678', '北京市', '北京市', '东城区', '东直门南大街 1 号'],
  )
  await ui.shot('address-added')

  await session.click(`${row} [data-testid="open"]`)
  await session.waitFor('[data-testid="address-edit-heading"]', { text: text.addressEdit })
  await session.type('.van-address-edit__fields .van-field:nth-child(1) input', renamed)
  await ui.shot('address-edit')
  await session.click('.van-address-edit__buttons .van-button--primary')
  await session.waitFor('[data-testid="page-title"]', { text: text.addresses })
  row = await syncedRow(session, 'address', renamed)
  assert.equal(rowId(row), id, 'the edit changed the address rather than adding one')
  await serverAddresses(ui, (all) => all.get(id)?.ud_name === renamed, `the address ${id} renamed ${renamed}`)

  await session.click(`${row} [data-testid="set-default"]`)
  await session.waitUntil(async () => {
    const [first] = await textsOf(session, '.van-swipe-cell[data-testid^="address-"]')
    return first?.includes(renamed) && first.includes(text.addressDefault)
  }, 'the new default address moving first')
  await session.waitGone(`${row} [data-testid="set-default"]`)
  await serverAddresses(
    ui,
    (all) => [...all.values()].filter((a) => a.ud_is_default).map((a) => String(a.ud_id)).join() === id,
    `the address ${id} the only default`,
  )
  await ui.shot('address-default')

  // Delete is behind a swipe to the left, as on a phone.
  await session.drag(`${row} [data-testid="open"]`, -120, 0)
  await session.settle()
  await session.click(`${row} [data-testid="remove"]`)
  await session.waitGone(row)
  // WebDriver reads the fixed bar as empty text: its content is what the user reads.
  await waitForContent(session, '[data-testid="undo-bar"]', text.addressRemoved(renamed))
  await waitForContent(session, '[data-testid="undo"]', text.undo)
  await ui.shot('address-deleted')
  // Once the undo time is over the removal is sent, and the address stays gone.
  await session.waitGone('[data-testid="undo-bar"]')
  await session.waitGone(row)
  await serverAddresses(ui, (all) => !all.has(id), `the address ${id} gone`)
  await back(ui, text.home)
}

/** Add a company's electronic invoice details. */
async function invoices(ui) {
  const { session, text } = ui
  const title = ui.language === 'zh-CN' ? '上海示例科技有限公司' : 'Example Trading Ltd'
  await openService(ui, 'lcs.invoice.list', text.invoices)
  await session.waitFor('.van-swipe-cell[data-testid^="invoice-"] [data-testid="open"]')
  await ui.shot('invoices')

  await session.click('[data-testid="invoice-add"]')
  await session.waitFor('[data-testid="invoice-edit-heading"]', { text: text.invoiceAdd })
  await session.click('[data-testid="company"]')
  await session.click('[data-testid="electronic"]')
  await session.type('[data-testid="title"] input', title)
  await session.type('[data-testid="company-code"] input', '91310000MA1FL8XQ3B')
  await session.type('[data-testid="contact-email"] input', 'billing@example.test')
  // On a phone's width no label or choice runs onto a second line.
  await session.cmd('POST', '/window/rect', PHONE)
  await session.click('[data-testid="type-special"]')
  await session.settle()
  assert.deepEqual(await wrapped(session, '.van-field__label, .van-radio__label'), [])
  await session.click('[data-testid="type-normal"]')
  await ui.shot('invoice-add')
  await session.cmd('POST', '/window/rect', WINDOW)
  await session.click('[data-testid="save"]')
  await session.waitFor('[data-testid="page-title"]', { text: text.invoices })
  const added = await syncedRow(session, 'invoice', title)
  await session.waitFor(`${added} [data-testid="kind"]`, { text: text.company })
  await session.waitFor(`${added} [data-testid="medium"]`, { text: text.electronic })
  await session.waitFor(added, { text: 'billing@example.test' })
  const id = rowId(added)
  const saved = await onServer(
    ui,
    'user_center.invoice_list',
    { size: 100 },
    (list) => list.items.some((invoice) => String(invoice.user_invoice_id) === id),
    `the invoice details ${id}`,
  )
  const invoice = saved.items.find((item) => String(item.user_invoice_id) === id)
  const { invoice_title, invoice_is_company, invoice_is_electronic, invoice_company_code, invoice_contact_email } = invoice
  assert.deepEqual(
    { invoice_title, invoice_is_company, invoice_is_electronic, invoice_company_code, invoice_contact_email },
    {
      invoice_title: title,
      invoice_is_company: true,
      invoice_is_electronic: 1,
      invoice_company_code: '91310000MA1FL8XQ3B',
      invoice_contact_email: 'billing@example.test',
    },
  )
  await ui.shot('invoice-added')
  await back(ui, text.home)
}

/** On a desktop's window the rail replaces the tab bar, in one colour from top to bottom. */
async function wideWindow(ui) {
  const { session } = ui
  await session.cmd('POST', '/window/rect', { width: 1280, height: 800 })
  await session.waitFor('[data-testid="rail"]')
  await session.click('[data-testid="rail-lcs.home"]')
  await session.waitFor('[data-testid="home"]')
  await session.settle()
  const gap = await session.execute(
    `const rail = document.querySelector('[data-testid="rail"]').getBoundingClientRect()
    const sidebar = document.querySelector('[data-testid="rail"] .van-sidebar').getBoundingClientRect()
    return Math.round(rail.bottom - sidebar.bottom)`,
  )
  assert.equal(gap, 0, "the sidebar's colour reaches the rail's bottom")
  await ui.shot('wide')
  await session.cmd('POST', '/window/rect', WINDOW)
  await session.waitFor('[data-testid="tabbar"]')
}

/** The unread count on the tab bar's Messages tab; 0 when it shows none. */
async function tabBadge(session) {
  const badge = await session.execute(
    "return document.querySelector('[data-testid=\"tab-messages\"] .van-badge')?.textContent.trim() ?? '0'",
  )
  return Number(badge)
}

/** How many messages from `other` a chat thread's page (user centre answer) holds unread. */
function unreadIn(thread, other) {
  const unread = ({ msg, type }) => type === 'received' && String(msg.user_other_id) === other && !msg.message_is_read
  return thread.items.filter(unread).length
}

/** Open a chat with unread messages, read it, and see the unread counts drop. */
async function messages(ui) {
  const { session, text } = ui
  await session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
  const before = await session.waitUntil(() => tabBadge(session), 'an unread count on the Messages tab')
  await session.click('[data-testid="tab-messages"]')
  await session.waitFor('[data-testid="panel-notice"] [data-testid^="notice-"]')
  await waitForContent(session, '.van-tab.tab-message', text.chats)
  await session.settle()
  await session.click('.van-tab.tab-message')
  await session.waitFor('.van-tab--active.tab-message')
  await session.waitFor('[data-testid="panel-message"] [data-testid="unread-count"]')
  const conversation = await session.execute(
    "return [...document.querySelectorAll('[data-testid=\"panel-message\"] [data-testid^=\"chat-\"]')].find((row) => row.querySelector('[data-testid=\"unread-count\"]'))?.dataset.testid",
  )
  const row = `[data-testid="${conversation}"]`
  const unread = Number(await session.text(`${row} [data-testid="unread-count"]`))
  assert.ok(unread > 0, 'the conversation shows how many messages are unread')
  assert.ok(before >= unread, `the tab bar counts ${before}, the conversation ${unread}`)
  const other = rowId(row)
  const thread = { userOtherId: other, size: 100 }
  const serverUnread = (count) =>
    onServer(ui, 'user_center.message_list_chat_msg', thread, (page) => unreadIn(page, other) === count, `${count} unread from ${other}`)
  await serverUnread(unread)
  await ui.shot('messages')

  const party = await session.text(`${row} .title`)
  await session.click(row)
  await session.waitFor('[data-testid="page-title"]', { text: party })
  await session.waitFor('[data-testid^="bubble-"]')
  await ui.shot('chat')

  await back(ui, text.messages)
  await session.waitFor(row)
  await session.waitGone(`${row} [data-testid="unread-count"]`)
  // The read mark reaches the server.
  await session.waitGone(`${row} [data-testid="pending"]`)
  await session.waitUntil(async () => (await tabBadge(session)) === before - unread, `the tab bar counting ${before - unread}`)
  await serverUnread(0)
  await onServer(ui, 'user_center.message_get_msg_count', {}, (count) => count.num === before - unread, `${before - unread} unread in all`)
  await ui.shot('messages-read')
}

/** Sign in to the customer account from Trading accounts, switch to demo and reset it. */
async function tradingAccounts(ui) {
  const { session, text } = ui
  await openService(ui, 'lcs.account.switch', text.trading)
  await session.click('[data-testid="trading"] .van-button', { text: text.signIn })
  await session.waitFor('[data-testid="login"]')
  await session.click('[data-testid="demo-accounts"] .van-cell', { text: DEMO.email })
  await session.click('[data-testid="login-submit"]')
  await session.waitFor('[data-testid="page-title"]', { text: text.trading })
  await session.waitFor('[data-testid="trading-mode"]', { text: text.real })
  assert.equal((await serverCustomer(ui)).companyType, 'real')
  await ui.shot('trading')

  await session.click('[data-testid="trading-switch"]')
  await confirmDialog(session)
  await session.waitFor('[data-testid="trading-mode"]', { text: text.demo })
  const customer = await serverCustomer(ui)
  assert.equal(customer.companyType, 'demo', 'the customer API has the demo account active')
  // Trading has moved the demo balance, so that the reset has something to undo.
  const traded = await sandboxHelper(ui.sandbox, 'account-balance', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ accountId: demoAccount(customer).accountId, balance: '4321.5000' }),
  })
  assert.equal(traded.status, 200, await traded.text())
  assert.equal(demoAccount(await serverCustomer(ui)).balance, '4321.5000')
  await session.click('[data-testid="trading-reset"]')
  await session.waitFor('.van-dialog')
  await ui.shot('trading-reset-confirm')
  await confirmDialog(session)
  await session.waitFor('.van-toast', { text: text.resetDone })
  await session.waitFor('[data-testid="trading-demo"]', { text: text.active })
  assert.equal(demoAccount(await serverCustomer(ui)).balance, DEMO_OPENING_BALANCE)
  await ui.shot('trading-demo-reset')
  await back(ui, text.home)
  // Every sign-in done: Home names the member and lists the trading accounts (the README's picture).
  await session.waitFor('[data-testid="home-account-demo"]')
  await session.waitGone('[data-testid^="needs-"]')
  await session.settle()
  await ui.shot('home-all-signed-in')
}

/** Sign out of every account at once in Settings, after one question; Home is signed out. */
async function signOut(ui) {
  const { session, text } = ui
  await session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
  await session.click('[data-testid="tab-settings"]')
  await session.waitFor('[data-testid="session-customer"]')
  await ui.shot('settings-signed-in')
  await session.click('[data-testid="sign-out-all"]')
  await session.waitFor('.van-dialog')
  await session.settle()
  await ui.shot('sign-out-all-confirm')
  await confirmDialog(session)
  for (const family of ['customer', 'user_center', 'planner']) {
    await session.waitFor(`[data-testid="signed-out-${family}"] [data-testid="sign-in-${family}"]`)
  }
  await ui.shot('settings-signed-out')
  await session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
  await session.waitFor('[data-testid="home-status"]', { text: text.signedOut })
  await session.waitFor('[data-testid="home-sign-in"]')
  // Signed out by choice: no word of an expired session or another device.
  assert.equal(await session.execute('return document.querySelector(\'[data-testid="signout-reason"]\') === null'), true)
  assert.equal(await tabBadge(session), 0)
  await ui.shot('signed-out')
}

/**
 * The journey, in order. Each step is a function of the run (`journey()`), starting and ending
 * on a page the next one can leave by the tab bar. Registration and password retrieval have
 * their own test (accounts.test.mjs), since a new account has none of the demo user's data.
 */
const JOURNEY = [
  chooseLanguage,
  signInUserCentre,
  editProfile,
  uploadAvatar,
  addresses,
  invoices,
  wideWindow,
  messages,
  tradingAccounts,
  signOut,
]

/** The journey and the WeChat QR sign-in, each its own test, in `language`. */
export function screenTests(language) {
  test(`a user's journey through the screens in ${language}`, async (t) => {
    clearScreenshots(language)
    await withApp(t, async ({ session, env }) => {
      const ui = journey(session, env, language)
      for (const step of JOURNEY) await step(ui)
    })
  })

  test(`WeChat QR sign-in in ${language}`, async (t) => {
    await withApp(t, async ({ session, env }) => {
      const ui = journey(session, env, language, 'wechat-')
      await chooseLanguage(ui)

      await session.click('[data-testid="tabbar"] .van-tabbar-item:nth-child(1)')
      await session.click('[data-testid="home-sign-in"]')
      await session.click('[data-testid="login-families"] .van-tab:nth-child(2)')
      await session.click('[data-testid="wechat-qr"]')
      await waitForContent(session, '[data-testid="wechat-qr-popup"]', ui.text.wechatTitle)
      await session.waitFor('[data-testid="wechat-qr-popup"] img')
      await ui.shot('wechat-qr')

      // What scanning the code and confirming in WeChat does, as the demo user.
      const confirmed = await sandboxHelper(ui.sandbox, 'qr/confirm', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userAccount: DEMO.phone }),
      })
      assert.equal(confirmed.status, 200, await confirmed.clone().text())
      assert.equal((await confirmed.json()).status, 'confirmed')

      await session.waitFor('[data-testid="home-signed-in-to"]', { text: ui.text.memberAccount })
      assert.match(await session.text('[data-testid="home-signed-in-to"]'), new RegExp(ui.text.signedIn))
      await session.waitGone('[data-testid="home-sign-in"]')
      await ui.shot('wechat-signed-in')
    })
  })
}
