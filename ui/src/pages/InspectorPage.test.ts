import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { mountApp, pageBackend } from '../testing'

const LOGIN = {
  atMs: Date.UTC(2025, 0, 2, 3, 4, 5),
  family: 'customer',
  call: 'customer.login',
  method: 'POST',
  path: '/api/login/customer.app.CustomerWebApiService.login',
  trace: 'trace-login',
  status: 200,
  businessCode: '0',
  outcome: 'ok',
  attempts: 1,
  latencyMs: 42,
  requestBytes: 180,
  responseBytes: 2048,
}

const FAILED = {
  ...LOGIN,
  family: 'planner',
  call: 'planner.account_detail',
  method: 'GET',
  path: '/srv/v1/accountDetail',
  trace: 'trace-failed',
  status: 503,
  businessCode: null,
  outcome: 'http',
  attempts: 3,
}

const LOGIN_RECORD = {
  ...LOGIN,
  url: 'http://127.0.0.1:4000/api/login/customer.app.CustomerWebApiService.login',
  error: null,
  request: {
    headers: [
      { name: 'trace', value: 'trace-login' },
      { name: 'token', value: '<redacted>' },
    ],
    query: [],
    body: { kind: 'json', text: '{"loginName":"demo@lcs.test","loginPwd":"<redacted>"}', truncated: false },
  },
  response: { kind: 'json', text: '{"code":"0","data":{"token":"<redacted>","customerId":7}}', truncated: false },
}

const BRIDGE_CALLS = [
  {
    atMs: Date.UTC(2025, 0, 2, 3, 4, 6),
    origin: 'https://h5.example.com',
    method: 'getUserInfo',
    params: null,
    code: 1003,
    latencyMs: 1,
  },
  {
    atMs: Date.UTC(2025, 0, 2, 3, 4, 5),
    origin: 'https://partner.example.net',
    method: 'openPage',
    params: { packageName: 'lcs.account.login', token: '<redacted>' },
    code: 0,
    latencyMs: 5230,
  },
]

type Filter = { family: string | null; text: string | null; failuresOnly: boolean }

/** Rust's inspector: two calls, filtered as Rust would. */
function backend(enabled = true, recorded = [LOGIN, FAILED]) {
  let calls = [...recorded]
  return pageBackend((cmd, args) => {
    switch (cmd) {
      case 'settings_get':
        return { language: 'zh-CN', inspectorEnabled: enabled }
      case 'inspector_set_enabled':
        enabled = args.enabled as boolean
        return { language: 'zh-CN', inspectorEnabled: enabled }
      case 'inspector_list': {
        const filter = args.filter as Filter
        return calls.filter(
          (c) =>
            (!filter.family || c.family === filter.family) &&
            (!filter.text || c.path.includes(filter.text) || c.trace.includes(filter.text)) &&
            (!filter.failuresOnly || c.outcome !== 'ok'),
        )
      }
      case 'inspector_get':
        return args.trace === 'trace-login' ? LOGIN_RECORD : null
      case 'inspector_bridge_calls':
        return calls.length ? BRIDGE_CALLS : []
      case 'inspector_clear':
        calls = []
        return null
      case 'inspector_export':
        return '/tmp/lcs-requests.json'
      default:
        return undefined
    }
  })
}

const writeText = vi.fn<(text: string) => Promise<void>>()

beforeEach(() => {
  writeText.mockReset().mockResolvedValue()
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true })
})

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Request inspector page', () => {
  it('lists the calls newest first with status, business code, latency and failures in red', async () => {
    const { wrapper } = await mountApp(backend(), '/settings/inspector')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('请求查看器')
    const login = wrapper.get('[data-testid="call-trace-login"]')
    expect(login.text()).toContain('POST /api/login/customer.app.CustomerWebApiService.login')
    expect(login.text()).toContain('200 · 0')
    expect(login.text()).toContain('42 ms')
    expect(login.text()).toContain('2.0 KiB')
    expect(login.classes()).not.toContain('call-failed')
    const failed = wrapper.get('[data-testid="call-trace-failed"]')
    expect(failed.classes()).toContain('call-failed')
    expect(failed.text()).toContain('共 3 次尝试')
  })

  it('filters by family, by path or trace id, and to failures', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/inspector')
    await wrapper.findAll('[data-testid="inspector-families"] .van-tab')[3].trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-testid="call-trace-login"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="call-trace-failed"]').exists()).toBe(true)

    await wrapper.findAll('[data-testid="inspector-families"] .van-tab')[0].trigger('click')
    await wrapper.get('[data-testid="inspector-search"] input').setValue('trace-log')
    await flushPromises()
    expect(calls.at(-1)).toEqual({
      cmd: 'inspector_list',
      args: { filter: { family: null, text: 'trace-log', status: null, outcome: null, failuresOnly: false } },
    })
    expect(wrapper.findAll('[data-testid^="call-trace"]').map((c) => c.attributes('data-testid'))).toEqual(['call-trace-login'])

    await wrapper.get('[data-testid="inspector-search"] input').setValue('')
    await wrapper.get('[data-testid="inspector-failures"]').trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="call-trace"]').map((c) => c.attributes('data-testid'))).toEqual(['call-trace-failed'])
  })

  it('shows a call in detail and copies it as curl and as JSON, secrets still redacted', async () => {
    const { wrapper } = await mountApp(backend(), '/settings/inspector')
    await wrapper.get('[data-testid="call-trace-login"]').trigger('click')
    await flushPromises()
    const details = wrapper.get('[data-testid="inspector-details"]')
    expect(details.get('[data-testid="details-trace"]').text()).toContain('trace-login')
    expect(details.get('[data-testid="details-headers"]').text()).toContain('token: <redacted>')
    // Pretty-printed JSON.
    expect(details.get('[data-testid="details-request"]').text()).toContain('"loginPwd": "<redacted>"')
    expect(details.get('[data-testid="details-response"]').text()).toContain('"customerId": 7')

    await details.get('[data-testid="copy-curl"]').trigger('click')
    await flushPromises()
    const curl = writeText.mock.calls[0][0]
    expect(curl).toContain(`curl -X POST '${LOGIN_RECORD.url}'`)
    expect(curl).toContain(`-H 'token: <redacted>'`)
    expect(curl).toContain(`--data-raw '{"loginName":"demo@lcs.test","loginPwd":"<redacted>"}'`)

    await details.get('[data-testid="copy-json"]').trigger('click')
    await flushPromises()
    expect(JSON.parse(writeText.mock.calls[1][0])).toEqual(LOGIN_RECORD)
  })

  it('lists again when a call is recorded, and shows the empty state after clearing', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/inspector')
    await wrapper.get('[data-testid="inspector-clear"]').trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('inspector_clear')
    expect(wrapper.get('[data-testid="inspector-empty"]').text()).toContain('还没有记录到调用')

    const lists = calls.filter((c) => c.cmd === 'inspector_list').length
    vi.useFakeTimers()
    try {
      await emit('inspector-recorded', { trace: 'trace-new' })
      await vi.advanceTimersByTimeAsync(300)
    } finally {
      vi.useRealTimers()
    }
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'inspector_list').length).toBe(lists + 1)
  })

  it("lists the H5 pages' bridge calls with origin, code and time, and shows their redacted parameters", async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/inspector')
    await wrapper.findAll('[data-testid="inspector-families"] .van-tab')[4].trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('inspector_bridge_calls')
    const rows = wrapper.findAll('[data-testid="bridge-call"]')
    expect(rows.map((row) => row.get('[data-testid="bridge-call-code"]').text())).toEqual(['1003', '0'])
    expect(rows[0].classes()).toContain('call-failed')
    expect(rows[1].text()).toContain('openPage')
    expect(rows[1].text()).toContain('https://partner.example.net')
    expect(rows[1].text()).toContain('5230 ms')

    await wrapper.get('[data-testid="inspector-search"] input').setValue('partner')
    await flushPromises()
    expect(wrapper.findAll('[data-testid="bridge-call"]')).toHaveLength(1)

    await wrapper.get('[data-testid="bridge-call"]').trigger('click')
    await flushPromises()
    const params = wrapper.get('[data-testid="bridge-details-params"]').text()
    expect(params).toContain('"packageName": "lcs.account.login"')
    expect(params).toContain('"token": "<redacted>"')
  })

  it('says recording is off, and switches it on', async () => {
    const { wrapper, calls } = await mountApp(backend(false, []), '/settings/inspector')
    expect(wrapper.get('[data-testid="inspector-empty"]').text()).toContain('记录已关闭')
    await wrapper.get('[data-testid="inspector-enabled"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'inspector_set_enabled', args: { enabled: true } })
    expect(wrapper.get('[data-testid="inspector-empty"]').text()).toContain('还没有记录到调用')
  })

  it('exports to the file the tester picked', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/inspector')
    await wrapper.get('[data-testid="inspector-export"]').trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('inspector_export')
    expect(document.body.textContent).toContain('已保存到 /tmp/lcs-requests.json')
  })
})
