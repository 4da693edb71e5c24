import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { PullRefresh, closeNotify, closeToast } from 'vant'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT } from '../testing'
import { formatTime } from './messages'

const SESSION = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const NOW = Date.now()

function chat(id: number, other: number, nickname: string, kind: 1 | 2, cat: string, content: string, isRead: boolean, time: number) {
  return {
    id: String(id),
    isRead,
    pending: false,
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

function loaded(data: unknown) {
  return { data, source: 'cache', fetchedAt: 1_700_000_000_000, stale: false, offline: false }
}

function backend(list: () => unknown, extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return { ...SIGNED_OUT, sessions: [SESSION] }
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'message_list':
      case 'message_refresh':
        return list()
      case 'message_mark_conversation_read':
        return null
      default:
        throw new Error(`unexpected command ${cmd}`)
    }
  }
}

function bubbles(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper']) {
  return wrapper.findAll('[data-testid^="bubble-"]')
}

afterEach(() => {
  closeToast(true)
  closeNotify()
  clearMocks()
  document.body.innerHTML = ''
})

describe('Chat thread', () => {
  it('shows the conversation with one party, oldest first, sent on the right and received on the left', async () => {
    const { wrapper, calls } = await mountApp(backend(() => loaded(CHATS)), '/message/chat?userId=1')
    expect(calls).toContainEqual({ cmd: 'message_list', args: { channel: 'chat' } })
    expect(wrapper.get('[data-testid="chat-party"]').text()).toBe('在线客服')
    const rows = bubbles(wrapper)
    expect(rows.map((row) => row.attributes('data-testid'))).toEqual(['bubble-201', 'bubble-202', 'bubble-203'])
    expect(rows.map((row) => row.attributes('data-side'))).toEqual(['right', 'left', 'left'])
    expect(rows[0].text()).toContain('你好')
    expect(rows[0].text()).toContain(formatTime(NOW - 3000, 'zh-CN'))
    expect(rows[1].text()).toContain('您好，请问有什么可以帮您？')
    // Not a text: a labelled placeholder, never the raw URL.
    expect(rows[2].get('[data-testid="placeholder"]').text()).toContain('图片')
    expect(rows[2].text()).not.toContain('https://example.com/a.png')
    expect(wrapper.text()).not.toContain('明天见')
  })

  it('marks the conversation read on opening, in one edit, and not again', async () => {
    let list = CHATS
    const { wrapper, calls } = await mountApp(
      backend(() => loaded(list), {
        message_mark_conversation_read: (_, args) => {
          list = list.map((m) =>
            m.data.user_other_id === Number(args.userOtherId) && !m.isRead ? { ...m, isRead: true, pending: true } : m,
          )
          return null
        },
      }),
      '/message/chat?userId=1',
    )
    const marks = calls.filter((c) => c.cmd === 'message_mark_conversation_read').map((c) => c.args)
    expect(marks).toEqual([{ userOtherId: '1' }])
    // Read here and waiting for the server: marked as such.
    expect(wrapper.get('[data-testid="bubble-203"] [data-testid="pending"]').text()).toBe('待同步')

    await emit('data-changed', {
      environment: 'sandbox', account: '10001', family: 'user_center', what: 'chats', change: 'edited', code: null, message: null,
    })
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'message_mark_conversation_read')).toHaveLength(1)
  })

  it('labels every kind of message it cannot show', async () => {
    const kinds = ['video', 'file', 'location', 'redpack', 'sticker']
    const list = kinds.map((cat, i) => chat(400 + i, 9, '赵六', 2, cat, '', true, NOW - 10_000 + i))
    const { wrapper } = await mountApp(backend(() => loaded(list)), '/message/chat?userId=9')
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

  it('reads the thread again from the server on pull to refresh', async () => {
    let list = CHATS.slice(1)
    const { wrapper, calls } = await mountApp(
      backend(() => loaded(list), {
        message_refresh: () => {
          list = CHATS
          return loaded(list)
        },
      }),
      '/message/chat?userId=1',
    )
    expect(wrapper.find('[data-testid="bubble-203"]').exists()).toBe(false)
    wrapper.findComponent(PullRefresh).vm.$emit('refresh')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_refresh', args: { channel: 'chat' } })
    expect(wrapper.find('[data-testid="bubble-203"]').exists()).toBe(true)
  })

  it('shows a skeleton until the first answer, then an empty thread', async () => {
    let answer: (value: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(() => pending), '/message/chat?userId=5')
    expect(wrapper.find('.van-skeleton').exists()).toBe(true)
    answer(loaded(CHATS))
    await flushPromises()
    expect(wrapper.get('[data-testid="message-empty"]').text()).toContain('还没有消息')
    expect(wrapper.get('[data-testid="chat-party"]').text()).toBe('用户 5')
  })

  it('asks to sign in when the user centre is signed out', async () => {
    const { wrapper } = await mountApp(
      backend(
        () => {
          throw { code: 'unauthorized', message: 'not signed in', trace: null }
        },
        { auth_overview: () => SIGNED_OUT },
      ),
      '/message/chat?userId=1',
    )
    expect(wrapper.get('[data-testid="message-signed-out"]').text()).toContain('登录用户中心账号后查看消息')
    expect(document.body.textContent).not.toContain('not signed in')
  })
})
