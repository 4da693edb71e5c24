import assert from 'node:assert/strict'
import { test } from 'node:test'
import { handLink, withApp } from './app.mjs'
import { assertNoEnglish } from './english.mjs'

test('a link that starts the app opens its page', async (t) => {
  await withApp(
    t,
    async ({ session }) => {
      await session.waitFor('[data-testid="page-title"]', { text: '设置' })
    },
    { args: ['lcs://openPage?packagename=lcs.settings'] },
  )
})

test('a link needing a login opens sign-in first', async (t) => {
  await withApp(
    t,
    async ({ session }) => {
      await session.waitFor('[data-testid="login"]')
      const url = await session.cmd('GET', '/url')
      assert.match(decodeURIComponent(url), /redirect=\/account\/personinfo/)
    },
    { args: ['lcs://lcs.account.personinfo'] },
  )
})

test('a link given to a second process opens the page in the running app', async (t) => {
  await withApp(t, async ({ session, env }) => {
    await session.waitFor('[data-testid="home"]')
    const code = await handLink(env, 'lcs://lcs.account.login')
    assert.equal(code, 0)
    await session.waitFor('[data-testid="login"]')
  })
})

test('a link to an unknown page opens Home and says why in Chinese, with Rust\'s words behind Details', async (t) => {
  await withApp(
    t,
    async ({ session, screenshot }) => {
      await session.waitFor('.van-dialog', { text: '无法打开这个链接' })
      await session.waitFor('.van-dialog', { text: '没有名为“lcs.account.nonsense”的页面' })
      await session.waitFor('.van-dialog', { text: 'lcs://lcs.account.nonsense' })
      await session.waitFor('[data-testid="home"]')
      await session.settle()
      await screenshot('zh-CN')
      await assertNoEnglish(session)

      await session.click('.van-dialog__cancel', { text: '详情' })
      await session.waitFor('.error-details-dialog', { text: 'no page named "lcs.account.nonsense"' })
    },
    { args: ['lcs://lcs.account.nonsense'] },
  )
})
