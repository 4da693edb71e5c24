// Compiled by `make test` (tsc --noEmit): what the types allow and what they refuse.
import { BridgeError, CODES, connect, NOT_IN_APP } from '../index.js'

export async function usage(): Promise<void> {
  const bridge = await connect({ timeoutMs: 1000 })
  const { loggedIn }: { loggedIn: boolean } = await bridge.openPage('lcs.account.login', { family: 'planner' })
  await bridge.openPage('lcs.address.edit', { id: 3 })
  await bridge.openPage('lcs.message.chat', { userId: '42' })
  const { language }: { language: string } = await bridge.getAppInfo()
  bridge.onNativeBack(() => loggedIn && language === 'zh-CN')
  // @ts-expect-error: no such route
  await bridge.openPage('lcs.nothing')
  // @ts-expect-error: lcs.message.chat needs a userId
  await bridge.openPage('lcs.message.chat', {})
  // @ts-expect-error: family is one of three words
  await bridge.openPage('lcs.account.login', { family: 'admin' })
  try {
    await bridge.getUserInfo()
  } catch (error) {
    if (error instanceof BridgeError && (error.code === CODES.LOGIN_REQUIRED || error.code === NOT_IN_APP)) return
  }
}
