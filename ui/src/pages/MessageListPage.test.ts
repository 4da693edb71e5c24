import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { List, PullRefresh, closeNotify, closeToast } from 'vant'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const SESSION = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const NOW = Date.now()

function notice(id: number, title: string, content: string, isRead: boolean, pending = false) {
  return {
    id: String(id),
    isRead,
    pending,
    time: NOW - id * 1000,
    data: { message_id: id, message_title: title, message_content: content, message_cat: 'text', message_kind: 2, message_type: 1, user_other_id: 0, user_other_nickname: '系统通知' },
  }
}

function chat(id: number, other: number, nickname: string, kind: 1 | 2, cat: string, content: string, isRead: boolean, time: number) {
  return {
    id: String(id),
    isRead,
    pending: false,
    time,
    data: { message_id: id, message_cat: cat, message_content: content, message_kind: kind, message_type: 2, user_id: 10001, user_other_id: other, user_other_nickname: nickname },
  }
}

const WELCOME = notice(101, '欢迎加入 LCS', '欢迎注册 LCS 账户！完善个人资料后即可使用全部服务。', false)
const SAFETY = notice(102, '账户安全提醒', '请勿向任何人透露短信验证码和密码。', true)
// Newest first, as the cache answers: customer service's image is the newest and unread.
const CHATS = [
  chat(203, 1, '在线客服', 2, 'img', 'https://example.com/a.png', false, NOW - 1000),
  chat(301, 7, '王五', 2, 'text', '明天见', true, NOW - 1500),
  chat(202, 1, '在线客服', 2, 'text', '您好，请问有什么可以帮您？', false, NOW - 2000),
  chat(201, 1, '在线客服', 1, 'text', '你好', true, NOW - 3000),
]

function loaded(data: unknown, offline = false) {
  return { data, source: 'cache', fetchedAt: 1_700_000_000_000, stale: false, offline }
}

type Lists = { notice: () => unknown; chat: () => unknown }

function backend(lists: Lists, extra: Partial<Record<string, IpcHandler>> = {}, unread = () => 3): IpcHandler {
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
        return lists[args.channel as 'notice' | 'chat']()
      case 'message_unread':
        return loaded({ total: unread() })
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const LISTS: Lists = { notice: () => loaded([WELCOME, SAFETY]), chat: () => loaded(CHATS) }

/** What the chat page, once opened, reads of a thread with nothing in it, cached and fresh. */
const NO_HISTORY = loaded({ messages: [], complete: true })

function event(what: string, change = 'edited') {
  return { environment: 'sandbox', account: '10001', family: 'user_center', what, change, code: null, message: null }
}

afterEach(() => {
  closeToast(true)
  closeNotify()
  clearMocks()
  document.body.innerHTML = ''
})

describe('Message list', () => {
  it('shows the notices first, the unread one marked, and each tab with its unread count', async () => {
    const { wrapper } = await mountApp(backend(LISTS), '/message')
    const panel = wrapper.get('[data-testid="panel-notice"]')
    const rows = panel.findAll('[data-testid^="notice-"]')
    expect(rows.map((row) => row.attributes('data-testid'))).toEqual(['notice-101', 'notice-102'])
    expect(rows[0].text()).toContain('欢迎加入 LCS')
    expect(rows[0].text()).toContain('欢迎注册 LCS 账户')
    expect(rows[0].find('[data-testid="unread-dot"]').exists()).toBe(true)
    expect(rows[1].find('[data-testid="unread-dot"]').exists()).toBe(false)
    // One unread notice; two unread messages from customer service (the user's own do not count).
    expect(wrapper.get('.tab-notice').text()).toBe('通知1')
    expect(wrapper.get('.tab-message').text()).toBe('聊天2')
  })

  it('opens the chat tab from the route, one row per conversation, newest first', async () => {
    const { wrapper } = await mountApp(backend(LISTS), '/message?tab=message')
    const panel = wrapper.get('[data-testid="panel-message"]')
    const rows = panel.findAll('[data-testid^="chat-"]')
    expect(rows.map((row) => row.attributes('data-testid'))).toEqual(['chat-1', 'chat-7'])
    expect(rows[0].text()).toContain('在线客服')
    expect(rows[0].text()).toContain('[图片]')
    expect(rows[0].get('[data-testid="unread-count"]').text()).toBe('2')
    expect(rows[1].text()).toContain('明天见')
    expect(rows[1].find('[data-testid="unread-count"]').exists()).toBe(false)
  })

  it('puts the chosen tab in the route, so back and links land on it', async () => {
    const { wrapper, router } = await mountApp(backend(LISTS), '/message')
    await wrapper.get('.tab-message').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query.tab).toBe('message')
    expect(wrapper.find('[data-testid="chat-1"]').exists()).toBe(true)
  })

  it('shows a notice when tapped and marks it read through Rust; a read notice is not marked again', async () => {
    let notices = [WELCOME, SAFETY]
    const { wrapper, calls } = await mountApp(
      backend(
        { ...LISTS, notice: () => loaded(notices) },
        {
          message_mark_read: () => {
            notices = [{ ...WELCOME, isRead: true, pending: true }, SAFETY]
            return null
          },
        },
      ),
      '/message',
    )
    await wrapper.get('[data-testid="notice-101"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_mark_read', args: { channel: 'notice', messageId: '101' } })
    const dialog = document.querySelector('.van-dialog')
    expect(dialog?.textContent).toContain('欢迎加入 LCS')
    expect(dialog?.textContent).toContain('完善个人资料后即可使用全部服务')
    // Read here, not yet sent: the dot is gone and the row says it waits to sync.
    const row = wrapper.get('[data-testid="notice-101"]')
    expect(row.find('[data-testid="unread-dot"]').exists()).toBe(false)
    expect(row.get('[data-testid="pending"]').text()).toBe('待同步')
    expect(wrapper.get('.tab-notice').text()).toBe('通知')

    await wrapper.get('[data-testid="notice-102"]').trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'message_mark_read')).toHaveLength(1)
  })

  it('marks every message of the shown tab read', async () => {
    let chats = CHATS
    const { wrapper, calls } = await mountApp(
      backend(
        { ...LISTS, chat: () => loaded(chats) },
        {
          message_mark_all_read: () => {
            chats = CHATS.map((message) => ({ ...message, isRead: true, pending: true }))
            return null
          },
        },
      ),
      '/message?tab=message',
    )
    await wrapper.get('[data-testid="panel-message"] [data-testid="mark-all-read"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_mark_all_read', args: { channel: 'chat' } })
    expect(wrapper.find('[data-testid="unread-count"]').exists()).toBe(false)
    expect(wrapper.get('[data-testid="chat-1"] [data-testid="pending"]').text()).toBe('待同步')
    expect(wrapper.get('[data-testid="panel-message"] [data-testid="mark-all-read"]').attributes('disabled')).toBeDefined()
  })

  it('opens the thread with the other party of the tapped conversation', async () => {
    const { wrapper, router, calls } = await mountApp(backend(LISTS, { message_chat_history: () => NO_HISTORY, message_chat_refresh: () => NO_HISTORY }), '/message?tab=message')
    await wrapper.get('[data-testid="chat-7"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.message.chat')
    expect(router.currentRoute.value.query).toEqual({ userId: '7' })
    expect(calls).toContainEqual({ cmd: 'message_chat_history', args: { userOtherId: '7', offset: 0, count: 30 } })
  })

  it('asks the server again on pull to refresh', async () => {
    let notices = [SAFETY]
    const { wrapper, calls } = await mountApp(
      backend({ ...LISTS, notice: () => loaded(notices) }, {
        message_refresh: () => {
          notices = [WELCOME, SAFETY]
          return loaded(notices)
        },
      }),
      '/message',
    )
    expect(wrapper.find('[data-testid="notice-101"]').exists()).toBe(false)
    wrapper.findComponent(PullRefresh).vm.$emit('refresh')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'message_refresh', args: { channel: 'notice' } })
    expect(wrapper.find('[data-testid="notice-101"]').exists()).toBe(true)
  })

  it('reads again when Rust says fresh notices landed', async () => {
    let notices = [SAFETY]
    const { wrapper } = await mountApp(backend({ ...LISTS, notice: () => loaded(notices) }), '/message')
    notices = [WELCOME, SAFETY]
    await emit('data-changed', event('notices', 'refreshed'))
    await flushPromises()
    expect(wrapper.find('[data-testid="notice-101"]').exists()).toBe(true)
  })

  it('shows a long list a page at a time as the user scrolls', async () => {
    const many = Array.from({ length: 45 }, (_, i) => notice(1000 + i, `通知 ${i}`, '内容', true))
    const { wrapper } = await mountApp(backend({ ...LISTS, notice: () => loaded(many) }), '/message')
    expect(wrapper.findAll('[data-testid^="notice-"]')).toHaveLength(20)
    expect(wrapper.get('[data-testid="panel-notice"]').text()).not.toContain('没有更多了')
    // Vant's List asks for more as its end scrolls into view (jsdom has no layout to scroll).
    wrapper.findComponent(List).vm.$emit('load')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="notice-"]')).toHaveLength(40)
    wrapper.findComponent(List).vm.$emit('load')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="notice-"]')).toHaveLength(45)
    expect(wrapper.get('[data-testid="panel-notice"]').text()).toContain('没有更多了')
  })

  it('shows a skeleton until the first answer, then an empty state', async () => {
    let answer: (value: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend({ notice: () => pending, chat: () => loaded([]) }), '/message')
    expect(wrapper.find('[data-testid="panel-notice"] .van-skeleton').exists()).toBe(true)
    answer(loaded([]))
    await flushPromises()
    expect(wrapper.get('[data-testid="panel-notice"]').text()).toContain('暂无通知')
    expect(wrapper.find('[data-testid="mark-all-read"]').exists()).toBe(false)
  })

  it('offers a retry when nothing is cached and the network is gone', async () => {
    let offline = true
    const { wrapper } = await mountApp(
      backend({
        notice: () => {
          if (offline) throw { code: 'network', reason: { kind: 'backend', sentence: '网络不可用' }, message: 'the detail, in English (code 1001)', trace: null }
          return loaded([WELCOME])
        },
        chat: () => loaded([]),
      }),
      '/message',
    )
    expect(wrapper.get('[data-testid="message-failed"]').text()).toContain('消息加载失败')
    offline = false
    await wrapper.get('[data-testid="message-failed"] button').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="notice-101"]').exists()).toBe(true)
  })

  it('asks to sign in to the user centre instead of showing an error', async () => {
    const unauthorized = () => {
      throw { code: 'unauthorized', reason: { kind: 'backend', sentence: 'not signed in' }, message: 'the detail, in English (code 1001)', trace: null }
    }
    const { wrapper, router } = await mountApp(
      backend({ notice: unauthorized, chat: unauthorized }, { auth_overview: () => SIGNED_OUT, environment_demo_accounts: () => [] }),
      '/message',
    )
    expect(wrapper.get('[data-testid="message-signed-out"]').text()).toContain('登录会员账户后查看消息')
    expect(document.body.textContent).not.toContain('not signed in')
    await wrapper.get('[data-testid="message-signed-out"] button').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
    expect(router.currentRoute.value.query.redirect).toBe('/message')
  })
})

describe('Unread badge on the tab bar', () => {
  it('shows the unread count and follows it when Rust says it changed', async () => {
    let unread = 3
    const { wrapper, calls } = await mountApp(backend(LISTS, {}, () => unread), '/')
    expect(calls.map((c) => c.cmd)).toContain('message_unread')
    expect(wrapper.get('[data-testid="tab-messages"] .van-badge').text()).toBe('3')
    unread = 1
    await emit('data-changed', event('unread_counts'))
    await flushPromises()
    expect(wrapper.get('[data-testid="tab-messages"] .van-badge').text()).toBe('1')
    unread = 0
    await emit('data-changed', event('unread_counts', 'refreshed'))
    await flushPromises()
    expect(wrapper.find('[data-testid="tab-messages"] .van-badge').exists()).toBe(false)
  })

  it('shows no badge and asks nothing while the user centre is signed out', async () => {
    const { wrapper, calls } = await mountApp(backend(LISTS, { auth_overview: () => SIGNED_OUT }), '/')
    expect(calls.map((c) => c.cmd)).not.toContain('message_unread')
    expect(wrapper.find('[data-testid="tab-messages"] .van-badge').exists()).toBe(false)
  })

  it('drops the badge when the user centre signs out', async () => {
    const { wrapper } = await mountApp(backend(LISTS), '/')
    expect(wrapper.get('[data-testid="tab-messages"] .van-badge').text()).toBe('3')
    await emit('auth-state', { change: 'signed_out', reason: 'user', family: 'user_center', account: '10001', session: null })
    await flushPromises()
    expect(wrapper.find('[data-testid="tab-messages"] .van-badge').exists()).toBe(false)
  })
})

describe('Customer service', () => {
  it('opens a chat with the party the service settings name', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend(LISTS, {
        message_kefu_config: () => ({ kefu_user_id: 1, kefu_nickname: '在线客服' }),
        message_mark_conversation_read: () => null,
        message_chat_history: () => NO_HISTORY,
        message_chat_refresh: () => NO_HISTORY,
      }),
      '/message',
    )
    await wrapper.get('[data-testid="panel-notice"] [data-testid="contact-service"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.message.chat')
    expect(router.currentRoute.value.query.userId).toBe('1')
    expect(calls).toContainEqual({ cmd: 'message_chat_history', args: { userOtherId: '1', offset: 0, count: 30 } })
  })
})
