// Messages arrive by themselves: with a chat open, what the other side writes (through the
// sandbox's messages helper) appears without any action and the unread badge rises; with the
// window in the background a system notification reaches the desktop's notification service
// (a stand-in on the test's own D-Bus session), and clicking it opens the thread.

import assert from 'node:assert/strict'
import { execFileSync, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { invoke, sandboxHelper, sandboxUrl, withApp } from './app.mjs'

/** Long enough for a thread's wait to have grown while the test set things up. */
const ARRIVAL_MS = 45_000
const DEMO = '13800000001'
const OTHER_USER = '13800000002'

async function signInToUserCenter(session) {
  const signedIn = await invoke(session, 'auth_user_center_login', {
    input: { account: DEMO, password: 'demo1234', code: null, remember: false },
  })
  assert.ok(signedIn.answer, JSON.stringify(signedIn))
}

/** `from` writes `content` to the demo user, as the other side would. */
async function deliver(baseUrl, from, content) {
  const answer = await sandboxHelper(baseUrl, 'messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from, to: DEMO, content }),
  })
  assert.equal(answer.status, 200, await answer.clone().text())
  return answer.json()
}

/** The messages badge of the navigation rail, once it has stopped changing. */
async function settledBadge(session) {
  const read = () =>
    session.cmd('POST', '/execute/sync', {
      script: `const badge = document.querySelector('[data-testid="rail-lcs.message.list"] .van-badge')
        return badge ? badge.textContent.trim() : ''`,
      args: [],
    })
  let last = await read()
  for (let same = 0; same < 4; ) {
    await sleep(500)
    const now = await read()
    same = now === last ? same + 1 : 0
    last = now
  }
  return Number(last || 0)
}

/** Opens the customer-service thread as a link would and waits for its messages. */
async function openServiceThread(session) {
  await session.execute("window.location.hash = '#/message/chat?userId=1'")
  await session.waitFor('[data-testid="page-title"]', { text: '在线客服' })
  await session.waitFor('[data-testid^="bubble-"]')
}

test('with a chat open, a reply appears without any action and the badge rises for another conversation', async (t) => {
  await withApp(t, async (app) => {
    const session = app.session
    await session.waitFor('[data-testid="home"]')
    const baseUrl = await sandboxUrl(session)
    await signInToUserCenter(session)
    // Wide enough for the navigation rail, whose badge stays in view beside the chat.
    await session.cmd('POST', '/window/rect', { width: 1200, height: 800 })
    await openServiceThread(session)
    const before = await settledBadge(session)

    await deliver(baseUrl, OTHER_USER, '周末一起去看展吗？')
    await deliver(baseUrl, 'kefu', '您的退款已原路退回，请注意查收。')
    await session.waitFor('[data-testid^="bubble-"]', { text: '您的退款已原路退回', timeoutMs: ARRIVAL_MS })
    await app.screenshot('1-reply-arrived')
    // The reply on screen is read; the other conversation's message is not.
    await session.waitFor('[data-testid="rail-lcs.message.list"] .van-badge', {
      text: String(before + 1),
      timeoutMs: ARRIVAL_MS,
    })
    assert.equal(await settledBadge(session), before + 1)
  })
})

/** The notification service's stand-in, owning its name before the app starts. */
async function startNotificationService() {
  const script = fileURLToPath(new URL('notifications.py', import.meta.url))
  const service = spawn('/usr/bin/python3', [script], { stdio: ['pipe', 'pipe', 'inherit'] })
  const lines = createInterface({ input: service.stdout })
  const shown = []
  const waiting = []
  lines.on('line', (line) => {
    shown.push(JSON.parse(line))
    for (const wake of waiting.splice(0)) wake()
  })
  const next = async (count, timeoutMs) => {
    const deadline = Date.now() + timeoutMs
    while (shown.length < count) {
      if (Date.now() > deadline) throw new Error(`the notification service heard ${JSON.stringify(shown)}`)
      await Promise.race([new Promise((wake) => waiting.push(wake)), sleep(200)])
    }
    return shown[count - 1]
  }
  assert.deepEqual(await next(1, 10_000), { ready: true }, 'the stand-in owns org.freedesktop.Notifications')
  return {
    /** The `count`-th line it printed (the first is its readiness). */
    next,
    /** Clicks notification `id`, as the desktop reports it. */
    invoke(id, action) {
      service.stdin.write(`invoke ${id} ${action}\n`)
    },
    stop() {
      service.stdin.end()
      service.kill()
    },
  }
}

/** Gives the X focus to the app's window, then to no window: the app is in the background. */
function sendToBackground() {
  const windows = execFileSync('xdotool', ['search', '--onlyvisible', '--name', 'LCS'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
  assert.ok(windows.length > 0, 'the app has a window')
  execFileSync('xdotool', ['windowfocus', '--sync', windows[0]])
  const root = execFileSync('xwininfo', ['-root'], { encoding: 'utf8' }).match(/Window id: (0x[0-9a-f]+)/)[1]
  execFileSync('xdotool', ['windowfocus', root])
}

test('with the window in the background, a reply raises a notification that opens its thread', async (t) => {
  const notifications = await startNotificationService()
  t.after(() => notifications.stop())
  await withApp(t, async (app) => {
    const session = app.session
    await session.waitFor('[data-testid="home"]')
    const baseUrl = await sandboxUrl(session)
    await signInToUserCenter(session)
    await openServiceThread(session)
    sendToBackground()

    await deliver(baseUrl, 'kefu', '您的发票已开具。\n请在邮箱中查收。')
    const shown = await notifications.next(2, ARRIVAL_MS)
    assert.equal(shown.summary, '在线客服')
    assert.equal(shown.body, '您的发票已开具。')
    assert.equal(shown.actions[0], 'default')

    // Elsewhere in the app when the user clicks it.
    await session.execute("window.location.hash = '#/settings'")
    await session.waitFor('[data-testid="page-title"]', { text: '设置' })
    notifications.invoke(shown.id, 'default')
    await session.waitFor('[data-testid="page-title"]', { text: '在线客服' })
    await session.waitFor('[data-testid^="bubble-"]', { text: '您的发票已开具。' })
    await app.screenshot('1-opened-from-the-notification')
  })
})
