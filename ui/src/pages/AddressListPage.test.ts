import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { closeNotify, closeToast } from 'vant'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const HOME = {
  id: '11',
  isDefault: true,
  pending: false,
  data: { ud_id: 11, ud_name: '张三', ud_mobile: '13800000001', ud_province: '广东省', ud_city: '深圳市', ud_county: '南山区', ud_address: '科技园 1 号', ud_tag_name: '1001' },
}
const OFFICE = {
  id: 'tmp-1',
  isDefault: false,
  pending: true,
  data: { ud_name: '李四', ud_mobile: '13900000002', ud_province: '北京市', ud_city: '北京市', ud_county: '海淀区', ud_address: '中关村 2 号', ud_tag_name: '1002' },
}

function loaded(data: unknown[], offline = false) {
  return { data, source: 'cache', fetchedAt: 1_700_000_000_000, stale: false, offline }
}

function backend(list: () => unknown, extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'address_list':
      case 'address_refresh':
        return list()
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  vi.useRealTimers()
  closeToast(true)
  closeNotify()
  clearMocks()
  document.body.innerHTML = ''
})

describe('Address list', () => {
  it('shows the cached addresses with the default first and marks the one waiting to sync', async () => {
    const { wrapper } = await mountApp(backend(() => loaded([HOME, OFFICE])), '/address')
    const rows = wrapper.findAll('[data-testid^="address-"]').filter((row) => row.attributes('data-testid') !== 'address-list' && row.attributes('data-testid') !== 'address-add')
    expect(rows).toHaveLength(2)
    expect(rows[0].text()).toContain('张三')
    expect(rows[0].text()).toContain('默认')
    expect(rows[0].text()).toContain('广东省 深圳市 南山区 科技园 1 号')
    expect(rows[0].find('[data-testid="pending"]').exists()).toBe(false)
    expect(rows[1].text()).toContain('公司')
    expect(rows[1].get('[data-testid="pending"]').text()).toBe('待同步')
  })

  it('makes an address the default through Rust and reads the cache again', async () => {
    let list: unknown[] = [HOME, OFFICE]
    const { wrapper, calls } = await mountApp(
      backend(() => loaded(list), {
        address_set_default: () => {
          list = [{ ...OFFICE, isDefault: true }, { ...HOME, isDefault: false }]
          return null
        },
      }),
      '/address',
    )
    await wrapper.get('[data-testid="address-tmp-1"] [data-testid="set-default"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'address_set_default', args: { id: 'tmp-1' } })
    expect(wrapper.get('[data-testid="address-tmp-1"]').text()).toContain('默认')
  })

  it('reads again when Rust says fresh addresses landed', async () => {
    let list: unknown[] = [HOME]
    const { wrapper } = await mountApp(backend(() => loaded(list)), '/address')
    expect(wrapper.find('[data-testid="address-tmp-1"]').exists()).toBe(false)
    list = [HOME, OFFICE]
    await emit('data-changed', {
      environment: 'sandbox', account: '1', family: 'user_center', what: 'addresses', change: 'refreshed', code: null, message: null,
    })
    await flushPromises()
    expect(wrapper.find('[data-testid="address-tmp-1"]').exists()).toBe(true)
  })

  it('shows the offline banner while the network is unreachable, and retries on request', async () => {
    const { wrapper, calls } = await mountApp(
      backend(() => loaded([HOME]), { sync_retry_now: () => null }),
      '/address',
    )
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false)
    await emit('data-changed', {
      environment: 'sandbox', account: '1', family: 'user_center', what: 'addresses', change: 'unreachable', code: 'network', message: null,
    })
    await flushPromises()
    expect(wrapper.get('[data-testid="offline-banner"]').text()).toContain('网络不可用')
    expect(wrapper.text()).toContain('张三')

    await wrapper.get('[data-testid="offline-retry"]').trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('sync_retry_now')
    expect(wrapper.find('[data-testid="offline-banner"]').exists()).toBe(false)
  })

  it('tells the user in their words when a queued edit was refused', async () => {
    await mountApp(backend(() => loaded([HOME])), '/address')
    await emit('data-changed', {
      environment: 'sandbox', account: '1', family: 'user_center', what: 'addresses', change: 'rejected', code: 'business',
      reason: { kind: 'backend', sentence: '地址不存在' }, message: 'address not found (user_center code 40004)',
    })
    await flushPromises()
    expect(document.body.textContent).toContain('地址不存在')

    // One the app itself gave up on is worded too, Rust's English kept out.
    await emit('data-changed', {
      environment: 'sandbox', account: '1', family: 'user_center', what: 'addresses', change: 'rejected', code: 'invalid_input',
      reason: { kind: 'invalidInput', field: 'id', problem: { kind: 'notOnServer' } },
      message: 'id: the row was never created on the server, so this change cannot be sent',
    })
    await flushPromises()
    expect(document.body.textContent).toContain('这一条尚未在服务器上创建，无法同步这项修改')
    expect(document.body.textContent).not.toContain('never created')
  })

  it('shows a skeleton until the first answer, then an empty state', async () => {
    let answer: (value: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(() => pending), '/address')
    expect(wrapper.find('.van-skeleton').exists()).toBe(true)
    answer(loaded([]))
    await flushPromises()
    expect(wrapper.text()).toContain('还没有收货地址')
  })

  it('opens the edit page of the address the user taps', async () => {
    const { wrapper, router } = await mountApp(backend(() => loaded([HOME, OFFICE])), '/address')
    await wrapper.get('[data-testid="address-tmp-1"] [data-testid="open"]').trigger('click')
    // The edit page is loaded on first use.
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.address.edit'))
    expect(router.currentRoute.value.query).toEqual({ id: 'tmp-1' })
  })

  it('does not open the edit page at the end of a swipe to Delete', async () => {
    const { wrapper, router } = await mountApp(backend(() => loaded([HOME, OFFICE])), '/address')
    const row = wrapper.get('[data-testid="address-11"]')
    // A mouse drag, as the touch emulator turns it into touches, ends in a click on the row.
    await row.trigger('touchstart', { touches: [{ clientX: 300, clientY: 20 }] })
    await row.trigger('touchmove', { touches: [{ clientX: 200, clientY: 22 }] })
    await row.trigger('touchend')
    await row.get('[data-testid="open"]').trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.address.list')
  })

  describe('delete with undo', () => {
    function removeRow(wrapper: Awaited<ReturnType<typeof mountApp>>['wrapper'], id: string) {
      return wrapper.get(`[data-testid="address-${id}"] [data-testid="remove"]`).trigger('click')
    }

    it('hides the row at once and sends address_remove only once the undo time is over', async () => {
      let list: unknown[] = [HOME, OFFICE]
      const { wrapper, calls } = await mountApp(
        backend(() => loaded(list), {
          address_remove: () => {
            list = [OFFICE]
            return null
          },
        }),
        '/address',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, '11')
      await flushPromises()
      expect(wrapper.find('[data-testid="address-11"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="undo-bar"]').text()).toContain('已删除“张三”的地址')
      expect(wrapper.get('[data-testid="undo"]').text()).toBe('撤销')

      vi.advanceTimersByTime(3900)
      await flushPromises()
      expect(calls.map((c) => c.cmd)).not.toContain('address_remove')

      vi.advanceTimersByTime(200)
      await flushPromises()
      expect(calls).toContainEqual({ cmd: 'address_remove', args: { id: '11' } })
      expect(wrapper.find('[data-testid="undo-bar"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="address-11"]').exists()).toBe(false)
      expect(wrapper.find('[data-testid="address-tmp-1"]').exists()).toBe(true)
    })

    it('brings the row back on undo and never sends the removal', async () => {
      const { wrapper, calls } = await mountApp(backend(() => loaded([HOME, OFFICE])), '/address')
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, 'tmp-1')
      await flushPromises()
      expect(wrapper.find('[data-testid="address-tmp-1"]').exists()).toBe(false)

      await wrapper.get('[data-testid="undo"]').trigger('click')
      await flushPromises()
      expect(wrapper.get('[data-testid="address-tmp-1"]').text()).toContain('李四')
      expect(wrapper.find('[data-testid="undo-bar"]').exists()).toBe(false)

      vi.advanceTimersByTime(10_000)
      await flushPromises()
      expect(calls.map((c) => c.cmd)).not.toContain('address_remove')
    })

    it('sends the waiting removal when the user leaves the page', async () => {
      const { wrapper, calls, router } = await mountApp(
        backend(() => loaded([HOME, OFFICE]), { address_remove: () => null }),
        '/address',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, '11')
      await flushPromises()
      await router.push({ name: 'lcs.address.edit' })
      await flushPromises()
      expect(calls).toContainEqual({ cmd: 'address_remove', args: { id: '11' } })
    })

    it('makes an earlier removal final when another row is removed', async () => {
      const { wrapper, calls } = await mountApp(
        backend(() => loaded([HOME, OFFICE]), { address_remove: () => null }),
        '/address',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, '11')
      await removeRow(wrapper, 'tmp-1')
      await flushPromises()
      expect(calls.filter((c) => c.cmd === 'address_remove')).toEqual([{ cmd: 'address_remove', args: { id: '11' } }])
      expect(wrapper.get('[data-testid="undo-bar"]').text()).toContain('李四')
    })

    it('shows the row again with the reason when the removal is refused', async () => {
      const { wrapper } = await mountApp(
        backend(() => loaded([HOME, OFFICE]), {
          address_remove: () => {
            throw { code: 'storage', reason: { kind: 'cacheFailed' }, message: 'the offline cache failed: disk I/O error', trace: null }
          },
        }),
        '/address',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, '11')
      vi.advanceTimersByTime(4000)
      await flushPromises()
      expect(document.body.textContent).toContain('离线缓存出错')
      expect(wrapper.find('[data-testid="address-11"]').exists()).toBe(true)
    })
  })
})
