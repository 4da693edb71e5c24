import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { List, closeNotify, closeToast } from 'vant'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const SESSION = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
/** The clock during each test: 14:30 on 20 May 2026, running on from there. */
const NOW = new Date(2026, 4, 20, 14, 30).getTime()

function chat(id: number, other: number, nickname: string, kind: 1 | 2, cat: string, content: string, isRead: boolean, time: number) {
  return {
    id: String(id),
    isRead,
    pending: false,
    failed: null as string | null,
    time,
    data: { message_id: id, message_cat: cat, message_content: content, message_kind: kind, message_type: 2, user_id: 10001, user_other_id: other, user_other_nickname: nickname },
  }
}

// Newest first, as the cache answers; two parties.
const CHATS = [
  chat(203, 1, '在线客服', 2, 'img', 'https://example.com/a.png', false, NOW - 1000),
  chat(301, 7, '王五', 2, 'text', '明天见', false, NOW - 1500),
  chat(202, 1, '在线客服', 2, 'text', '您好，请问有什么可以帮您？', false, NOW - 2000),
  chat(201, 1, '在线客服', 1, 'text', '你好', true, NOW - 3000),
]

function loaded(data: unknown, source = 'cache') {
  return { data, source, fetchedAt: 1_700_000_000_000, stale: false, offline: false }
}

type Item = ReturnType<typeof chat>

/** The thread with one party as Rust pages it: newest first, `count` from `offset`. */
function page(list: Item[], other: string, offset: number, count: number, source = 'cache') {
  const thread = list.filter((m) => String(m.data.user_other_id) === other)
  const messages = thread.slice(offset, offset + count)
  return loaded({ messages, complete: offset + messages.length >= thread.length }, source)
}

function backend(list: () => Item[], extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions: [SESSION] }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'message_chat_history':
        return page(list(), String(args.userOtherId), Number(args.offset), Number(args.count))
      case 'message_chat_refresh':
        return page(list(), String(args.userOtherId), 0, Number(args.count), 'network')
      case 'message_mark_conversation_read':
        return null
      default:
        return unexpectedCommand(cmd)
    }
  }
}

/** A backend whose conversation read mark reads the rows at once and leaves them waiting for the server; `list` is what it holds. */
function readingThread(): { list: Item[]; backend: IpcHandler } {
  const thread: { list: Item[]; backend: IpcHandler } = {
    list: CHATS,
    backend: backend(() => thread.list, {
      message_mark_conversation_read: (_, args) => {
        thread.list = thread.list.map((m) =>
          m.data.user_other_id === Number(args.userOtherId) && !m.isRead ? { ...m, isRead: true, pending: true } : m,
        )
        return null
      },
    }),
  }
  return thread
}


function bubbles(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  return wrapper.findAll('[data-testid^="bubble-"]')
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'], now: NOW, shouldAdvanceTime: true })
})

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  closeToast(true)
  closeNotify()
  clearMocks()
  document.body.innerHTML = ''
})

/** Lets a test say how tall the document is and where it is scrolled: jsdom lays nothing out. */
const scroll = { height: 1000, top: 0 }
beforeEach(() => {
  scroll.height = 1000
  scroll.top = 0
  Object.defineProperty(document.documentElement, 'scrollHeight', { configurable: true, get: () => scroll.height })
  Object.defineProperty(document.documentElement, 'clientHeight', { configurable: true, get: () => 600 })
  Object.defineProperty(document.documentElement, 'scrollTop', {
    configurable: true,
    get: () => scroll.top,
    set: (value: number) => (scroll.top = value),
  })
})

function sentItem(id: string, content: string, extra: Partial<Item> = {}): Item {
  return { ...chat(0, 1, '在线客服', 1, 'text', content, true, NOW), id, pending: true, ...extra }
}

async function type(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], text: string) {
  await wrapper.get('[data-testid="chat-input"] textarea').setValue(text)
}

describe('Chat thread', () => {
  it('shows the conversation with one party, oldest first, sent on the right and received on the left', async () => {
    const { wrapper, calls } = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    expect(calls).toContainEqual({ cmd: 'message_chat_history', args: { userOtherId: '1', offset: 0, count: 30 } })
    const rows = bubbles(wrapper)
    expect(rows.map((row) => row.attributes('data-testid'))).toEqual(['bubble-201', 'bubble-202', 'bubble-203'])
    expect(rows.map((row) => row.attributes('data-side'))).toEqual(['right', 'left', 'left'])
    expect(rows[0].text()).toContain('你好')
    // Sent at 14:29:57 today: the time of day alone.
    expect(rows[0].text()).toContain('14:29')
    expect(rows[1].text()).toContain('您好，请问有什么可以帮您？')
    // Not a text: a labelled placeholder, never the raw URL.
    expect(rows[2].get('[data-testid="placeholder"]').text()).toContain('图片')
    expect(rows[2].text()).not.toContain('https://example.com/a.png')
    expect(wrapper.text()).not.toContain('明天见')
    // The cache first, then the server's newest, and the view at the newest message.
    expect(calls.map((c) => c.cmd)).toContain('message_chat_refresh')
    expect(scroll.top).toBe(1000)
  })

  it('names the other party in the navigation bar, and gives the bar back on leaving', async () => {
    const { wrapper, router } = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('在线客服')
    await router.push('/')
    await flushPromises()
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('首页')
  })

  it('puts the day between days, and times without a leading zero', async () => {
    const at = (days: number, hour: number, minute: number) => new Date(2026, 4, 20 - days, hour, minute).getTime()
    const list = [
      chat(504, 1, '在线客服', 2, 'text', '今天下午', true, at(0, 14, 0)),
      chat(503, 1, '在线客服', 1, 'text', '今天早上', true, at(0, 9, 5)),
      chat(502, 1, '在线客服', 2, 'text', '昨天', true, at(1, 21, 40)),
      chat(501, 1, '在线客服', 1, 'text', '前天', true, at(2, 8, 0)),
    ]
    const { wrapper } = await mountApp(backend(() => list), '/message/chat?userId=1')
    const items = () => wrapper.findAll('.thread > li').map((li) => li.attributes('data-testid'))
    expect(items()).toEqual(['day', 'bubble-501', 'day', 'bubble-502', 'day', 'bubble-503', 'bubble-504'])
    const days = () => wrapper.findAll('[data-testid="day"]').map((day) => day.text())
    expect(days()).toEqual(['5月18日周一', '昨天', '今天'])
    expect(wrapper.get('[data-testid="bubble-503"] time').text()).toBe('9:05')
    expect(wrapper.get('[data-testid="bubble-501"] time').text()).toBe('8:00')

    applyLanguage('en-US')
    await flushPromises()
    expect(days()).toEqual(['Mon, May 18', 'Yesterday', 'Today'])
    expect(wrapper.get('[data-testid="bubble-503"] time').text()).toBe('9:05 AM')
    applyLanguage('zh-CN')
  })

  it('names Shift+Enter only where there is a keyboard', async () => {
    const placeholder = (wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) =>
      wrapper.get('[data-testid="chat-input"] textarea').attributes('placeholder')
    const phone = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    expect(placeholder(phone.wrapper)).toBe('输入消息')
    phone.wrapper.unmount()

    vi.stubGlobal('matchMedia', (query: string) => ({
      matches: query === '(hover: hover) and (pointer: fine)',
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    }))
    const desktop = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    expect(placeholder(desktop.wrapper)).toBe('输入消息，Enter 发送，Shift+Enter 换行')
  })

  it('marks the conversation read on opening, in one edit, and not again', async () => {
    const thread = readingThread()
    const { wrapper, calls } = await mountApp(thread.backend, '/message/chat?userId=1')
    const marks = calls.filter((c) => c.cmd === 'message_mark_conversation_read').map((c) => c.args)
    expect(marks).toEqual([{ userOtherId: '1' }])

    await emit('data-changed', {
      environment: 'sandbox', account: '10001', family: 'user_center', what: 'chats', change: 'edited', code: null, message: null,
    })
    await flushPromises()
    // Read here and waiting for the server: the user's business is what they sent, not a read mark.
    expect(wrapper.find('[data-testid="bubble-203"]').exists()).toBe(true)
    expect(wrapper.find('[data-testid="bubble-203"] [data-testid="pending"]').exists()).toBe(false)
    expect(calls.filter((c) => c.cmd === 'message_mark_conversation_read')).toHaveLength(1)
  })

  it('tells Rust which thread is on screen, and that the user left it', async () => {
    const { calls, router } = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    const watched = (from = 0) =>
      calls.slice(from).filter((c) => c.cmd.endsWith('watch_thread')).map((c) => `${c.cmd} ${c.args.userOtherId}`)
    expect(watched().at(-1)).toBe('message_watch_thread 1')
    const opened = calls.length
    await router.push({ name: 'lcs.message.chat', query: { userId: '7' } })
    await flushPromises()
    // Rust keeps the thread last watched: the old page may leave after the new one came.
    expect(watched(opened).sort()).toEqual(['message_unwatch_thread 1', 'message_watch_thread 7'])
    await router.push({ name: 'lcs.home' })
    await flushPromises()
    expect(watched().at(-1)).toBe('message_unwatch_thread 7')
  })

  it('watches the thread again for the account signed in after a switch', async () => {
    const { calls } = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    const before = calls.length
    const other = { ...SESSION, account: '10002', displayName: '13800000002' }
    await emit('auth-state', { change: 'signed_in', reason: null, family: 'user_center', account: '10002', session: other })
    await flushPromises()
    const watched = calls.slice(before).filter((c) => c.cmd.endsWith('watch_thread')).map((c) => `${c.cmd} ${c.args.userOtherId}`)
    expect(watched).toEqual(['message_unwatch_thread 1', 'message_watch_thread 1'])
  })

  it('shows a reply that arrives while the thread is open, and marks it read too', async () => {
    const thread = readingThread()
    const { wrapper, calls } = await mountApp(thread.backend, '/message/chat?userId=1')
    thread.list = [chat(204, 1, '在线客服', 2, 'text', '已为您处理好了', false, NOW), ...thread.list]
    await emit('data-changed', {
      environment: 'sandbox', account: '10001', family: 'user_center', what: 'chats', change: 'refreshed', code: null, message: null,
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="bubble-204"]').text()).toContain('已为您处理好了')
    expect(calls.filter((c) => c.cmd === 'message_mark_conversation_read')).toHaveLength(2)
  })

  it('opens the thread whose notification the user clicked', async () => {
    const { wrapper, router } = await mountApp(backend(() => CHATS), '/')
    await emit('message-notification-opened', { userOtherId: '1' })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.message.chat')
    expect(router.currentRoute.value.query.userId).toBe('1')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('在线客服')
  })

  it('labels every kind of message it cannot show', async () => {
    const kinds = ['video', 'file', 'location', 'redpack', 'sticker']
    const list = kinds.map((cat, i) => chat(400 + i, 9, '赵六', 2, cat, '', true, NOW - 10_000 + i)).reverse()
    const { wrapper } = await mountApp(backend(() => list), '/message/chat?userId=9')
    expect(bubbles(wrapper).map((row) => row.get('[data-testid="placeholder"]').text())).toEqual([
      expect.stringContaining('视频'),
      expect.stringContaining('文件'),
      expect.stringContaining('位置'),
      expect.stringContaining('红包'),
      expect.stringContaining('消息'),
    ])
    applyLanguage('en-US')
    await flushPromises()
    expect(bubbles(wrapper)[3].text()).toContain('Red packet')
    applyLanguage('zh-CN')
  })

  it('sends a message: shown at once as sending, the input cleared, the view at the bottom', async () => {
    const { wrapper, calls } = await mountApp(
      backend(() => CHATS, {
        message_send: (_, args) => sentItem('tmp-1', String(args.content)),
      }),
      '/message/chat?userId=1',
    )
    scroll.top = 200
    await type(wrapper, '请问怎么开发票？')
    await wrapper.get('[data-testid="chat-input"] textarea').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'message_send').map((c) => c.args)).toEqual([
      { userOtherId: '1', content: '请问怎么开发票？' },
    ])
    const rows = bubbles(wrapper)
    const last = rows[rows.length - 1]
    expect(last.attributes('data-testid')).toBe('bubble-tmp-1')
    expect(last.attributes('data-side')).toBe('right')
    expect(last.text()).toContain('请问怎么开发票？')
    expect(last.find('[data-testid="sending"]').exists()).toBe(true)
    // Not sent yet: said quietly, in the line with its time, not as a warning.
    expect(last.get('[data-testid="pending"]').text()).toBe('待同步')
    expect(last.find('.van-tag').exists()).toBe(false)
    expect((wrapper.get('[data-testid="chat-input"] textarea').element as HTMLTextAreaElement).value).toBe('')
    expect(scroll.top).toBe(1000)
  })

  it('keeps Shift+Enter as a new line and refuses an empty or blank message', async () => {
    const { wrapper, calls } = await mountApp(backend(() => CHATS), '/message/chat?userId=1')
    const send = wrapper.get('[data-testid="chat-send"]')
    expect(send.attributes('disabled')).toBeDefined()
    await type(wrapper, '  \n  ')
    expect(send.attributes('disabled')).toBeDefined()
    await wrapper.get('[data-testid="chat-input"] textarea').trigger('keydown', { key: 'Enter' })
    await wrapper.get('[data-testid="composer"]').trigger('submit')
    await type(wrapper, '第一行')
    await wrapper.get('[data-testid="chat-input"] textarea').trigger('keydown', { key: 'Enter', shiftKey: true })
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'message_send')).toEqual([])
    // No longer than lcs-core sends, with the count shown near the limit.
    await type(wrapper, '长'.repeat(600))
    expect((wrapper.get('[data-testid="chat-input"] textarea').element as HTMLTextAreaElement).value).toHaveLength(500)
    expect(wrapper.get('.van-field__word-limit').text()).toBe('500/500')
  })

  it('keeps the text when a send fails, and offers to send again a message the server refused', async () => {
    let list: Item[] = CHATS
    const { wrapper, calls } = await mountApp(
      backend(() => list, {
        message_send: () => {
          throw { code: 'storage', reason: { kind: 'cacheFailed' }, message: 'the offline cache failed: disk I/O error', trace: null }
        },
        message_resend: () => {
          list = list.map((m) => (m.id === 'tmp-9' ? { ...m, failed: null, pending: true } : m))
          return null
        },
      }),
      '/message/chat?userId=1',
    )
    await type(wrapper, '你好，在吗')
    await wrapper.get('[data-testid="composer"]').trigger('submit')
    await flushPromises()
    expect(document.body.textContent).toContain('离线缓存出错')
    expect((wrapper.get('[data-testid="chat-input"] textarea').element as HTMLTextAreaElement).value).toBe('你好，在吗')

    // Sent earlier, then refused by the server: the outbox says so.
    list = [sentItem('tmp-9', '有人吗？', { pending: false, failed: '用户不存在' }), ...CHATS]
    await emit('data-changed', {
      environment: 'sandbox', account: '10001', family: 'user_center', what: 'chats', change: 'rejected', code: 'business',
      reason: { kind: 'backend', sentence: '用户不存在' }, message: 'user not found (user_center code 40004)',
    })
    await flushPromises()
    const refused = wrapper.get('[data-testid="bubble-tmp-9"]')
    expect(refused.text()).toContain('有人吗？')
    expect(refused.get('[data-testid="failure"]').text()).toContain('未发送：用户不存在')
    expect(refused.find('[data-testid="failed"]').exists()).toBe(true)
    await refused.get('[data-testid="resend"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_resend', args: { messageId: 'tmp-9' } })
    const again = wrapper.get('[data-testid="bubble-tmp-9"]')
    expect(again.find('[data-testid="failure"]').exists()).toBe(false)
    expect(again.find('[data-testid="sending"]').exists()).toBe(true)
  })

  it('reads older messages when scrolled to the top, keeping the messages in view where they were', async () => {
    const long = Array.from({ length: 45 }, (_, i) =>
      chat(1000 - i, 1, '在线客服', i % 2 ? 1 : 2, 'text', `消息 ${45 - i}`, true, NOW - i * 1000),
    )
    const { wrapper, calls } = await mountApp(
      backend(() => long, {
        message_chat_history: (_, args) => {
          // The older page makes the document taller by what it adds above.
          if (Number(args.offset) > 0) scroll.height = 1600
          return page(long, '1', Number(args.offset), Number(args.count))
        },
      }),
      '/message/chat?userId=1',
    )
    expect(bubbles(wrapper)).toHaveLength(30)
    expect(bubbles(wrapper)[0].text()).toContain('消息 16')
    // The user scrolls up to the top of what is shown.
    scroll.top = 0
    wrapper.findComponent(List).vm.$emit('load')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_chat_history', args: { userOtherId: '1', offset: 30, count: 30 } })
    expect(bubbles(wrapper)).toHaveLength(45)
    expect(bubbles(wrapper)[0].text()).toContain('消息 1')
    expect(scroll.top).toBe(600)
    expect(wrapper.text()).toContain('已是最早的消息')
  })

  it('shows a skeleton until the first answer, then an empty thread', async () => {
    let answer: (value: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(() => CHATS, { message_chat_history: () => pending }), '/message/chat?userId=5')
    expect(wrapper.find('.van-skeleton').exists()).toBe(true)
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('会话')
    answer(page(CHATS, '5', 0, 30))
    await flushPromises()
    expect(wrapper.get('[data-testid="message-empty"]').text()).toContain('还没有消息')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('用户 5')
  })

  it('asks to sign in when the user centre is signed out', async () => {
    const { wrapper } = await mountApp(
      backend(() => CHATS, {
        auth_overview: () => SIGNED_OUT,
        message_chat_history: () => {
          throw { code: 'unauthorized', reason: { kind: 'backend', sentence: 'not signed in' }, message: 'the detail, in English (code 1001)', trace: null }
        },
      }),
      '/message/chat?userId=1',
    )
    expect(wrapper.get('[data-testid="message-signed-out"]').text()).toContain('登录会员账户后查看消息')
    expect(document.body.textContent).not.toContain('not signed in')
    expect(wrapper.find('[data-testid="composer"]').exists()).toBe(false)
  })
})
