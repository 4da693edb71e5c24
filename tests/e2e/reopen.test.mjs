// A link (or openPage) to the page already shown, with other parameters, shows what the new
// parameters name: another chat, address, invoice or H5 page.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { handLink, invoke, openH5, sandboxUrl, withApp } from './app.mjs'

/** Every input and text area value of the page, joined: what its form shows. */
async function formText(session) {
  return session.cmd('POST', '/execute/sync', {
    script: "return [...document.querySelectorAll('input, textarea')].map((field) => field.value).join(' ')",
    args: [],
  })
}

async function signInToUserCenter(session) {
  const signedIn = await invoke(session, 'auth_user_center_login', {
    input: { account: '13800000001', password: 'demo1234', code: null, remember: false },
  })
  assert.ok(signedIn.answer, JSON.stringify(signedIn))
}

test('a link to the chat, address or invoice already shown, naming another, shows the other', async (t) => {
  await withApp(t, async ({ session, env }) => {
    await session.waitFor('[data-testid="home"]')
    await signInToUserCenter(session)

    await handLink(env, 'lcs://lcs.message.chat?userId=900001')
    await session.waitFor('[data-testid="page-title"]', { text: '900001' })
    await handLink(env, 'lcs://lcs.message.chat?userId=900002')
    await session.waitFor('[data-testid="page-title"]', { text: '900002' })

    const addresses = (await invoke(session, 'address_list', {})).answer.data
    const [first, second] = addresses.map((address) => address.data.ud_address)
    assert.notEqual(first, second)
    await handLink(env, `lcs://lcs.address.edit?id=${addresses[0].id}`)
    await session.waitUntil(async () => (await formText(session)).includes(first), 'the first address is shown')
    await handLink(env, `lcs://lcs.address.edit?id=${addresses[1].id}`)
    await session.waitUntil(async () => (await formText(session)).includes(second), 'the second address is shown')

    const invoices = (await invoke(session, 'invoice_list', {})).answer.data
    const titles = invoices.map((invoice) => invoice.data.invoice_title)
    await handLink(env, `lcs://lcs.invoice.edit?id=${invoices[0].id}`)
    await session.waitUntil(async () => (await formText(session)).includes(titles[0]), 'the first invoice is shown')
    await handLink(env, `lcs://lcs.invoice.edit?id=${invoices[1].id}`)
    await session.waitUntil(async () => (await formText(session)).includes(titles[1]), 'the second invoice is shown')
  })
})

test('a link to lcs.web with another URL while an H5 page is shown loads the new page', async (t) => {
  await withApp(t, async ({ session, env }) => {
    const base = await sandboxUrl(session)
    const { main, h5 } = await openH5(session, `${base}h5/lcsbridge.html`)
    await session.waitFor('#status', { text: 'JsBridge ready' })

    await session.cmd('POST', '/window', { handle: main })
    const next = `${base}h5/dsbridge.html`
    await handLink(env, `lcs://lcs.web?url=${encodeURIComponent(next)}`)
    await session.waitFor('[data-testid="web"]', { text: next })

    await session.cmd('POST', '/window', { handle: h5 })
    await session.waitUntil(async () => (await session.cmd('GET', '/url')) === next, 'the H5 window shows the new page')
    await session.waitFor('h1', { text: 'dsBridge' })
  })
})
