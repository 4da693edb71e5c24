// The installed package (LCS_E2E_APP=/usr/bin/lcs-account), started by an lcs:// link as the
// desktop starts it: the sign-in page must show. Run by scripts/deb-test.sh, not by `npm run e2e`.
import { test } from 'node:test'
import { withApp } from '../e2e/app.mjs'

test('the installed app opens sign-in from an lcs:// link', async (t) => {
  await withApp(
    t,
    async ({ session }) => {
      await session.waitFor('[data-testid="login"]')
    },
    { args: ['lcs://lcs.account.login'] },
  )
})
