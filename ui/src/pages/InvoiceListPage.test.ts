import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeNotify, closeToast } from 'vant'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

/** The sandbox's demo invoices: the employer's special VAT invoice (default), a personal one. */
const COMPANY = {
  id: '21',
  isDefault: true,
  pending: false,
  data: {
    user_invoice_id: 21,
    invoice_title: '深圳市蓝海数科技术有限公司',
    invoice_company_code: '91440300MA5G8K2X7L',
    invoice_is_company: true,
    invoice_type: 2,
    invoice_is_electronic: 0,
    invoice_contact_name: '张伟',
    invoice_contact_area: '广东省 深圳市 福田区',
    invoice_contact_address: '福华三路 168 号 国际商会中心 27 楼',
  },
}
const PERSONAL = {
  id: 'tmp-2',
  isDefault: false,
  pending: true,
  data: { invoice_title: '张伟', invoice_is_company: false, invoice_type: 1, invoice_is_electronic: 1, invoice_contact_email: 'demo@lcs.test' },
}

function loaded(data: unknown[]) {
  return { data, source: 'cache', fetchedAt: 1_700_000_000_000, stale: false, offline: false }
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
      case 'invoice_list':
      case 'invoice_refresh':
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

describe('Invoice list', () => {
  it('shows the cached invoices, the default first, with their kind and the one waiting to sync', async () => {
    const { wrapper, calls } = await mountApp(backend(() => loaded([COMPANY, PERSONAL])), '/invoice')
    expect(wrapper.get('[data-testid="page-title"]').text()).toBe('发票')
    expect(calls.map((c) => c.cmd)).toContain('invoice_list')
    const rows = wrapper.findAll('.van-swipe-cell')
    expect(rows).toHaveLength(2)
    expect(rows[0].attributes('data-testid')).toBe('invoice-21')
    expect(rows[0].text()).toContain('深圳市蓝海数科技术有限公司')
    expect(rows[0].text()).toContain('默认')
    expect(rows[0].text()).toContain('税号 91440300MA5G8K2X7L')
    expect(rows[0].text()).toContain('广东省 深圳市 福田区')
    expect(rows[0].get('[data-testid="kind"]').text()).toBe('企业')
    expect(rows[0].get('[data-testid="type"]').text()).toBe('专票')
    expect(rows[0].get('[data-testid="medium"]').text()).toBe('纸质发票')
    expect(rows[0].find('[data-testid="pending"]').exists()).toBe(false)
    expect(rows[1].get('[data-testid="kind"]').text()).toBe('个人')
    expect(rows[1].get('[data-testid="type"]').text()).toBe('普票')
    expect(rows[1].get('[data-testid="medium"]').text()).toBe('电子发票')
    expect(rows[1].text()).toContain('demo@lcs.test')
    expect(rows[1].get('[data-testid="pending"]').text()).toBe('待同步')
  })

  it('shows a skeleton until the first answer, then an empty state', async () => {
    let answer: (value: unknown) => void = () => undefined
    const pending = new Promise((resolve) => (answer = resolve))
    const { wrapper } = await mountApp(backend(() => pending), '/invoice')
    expect(wrapper.find('.van-skeleton').exists()).toBe(true)
    answer(loaded([]))
    await flushPromises()
    expect(wrapper.text()).toContain('还没有发票信息')
  })

  it('reads again when Rust says fresh invoices landed', async () => {
    let list: unknown[] = [COMPANY]
    const { wrapper } = await mountApp(backend(() => loaded(list)), '/invoice')
    list = [COMPANY, PERSONAL]
    await emit('data-changed', {
      environment: 'sandbox', account: '1', family: 'user_center', what: 'invoices', change: 'refreshed', code: null, message: null,
    })
    await flushPromises()
    expect(wrapper.find('[data-testid="invoice-tmp-2"]').exists()).toBe(true)
  })

  it('makes invoice details the default with an edit that only says so', async () => {
    let list: unknown[] = [COMPANY, PERSONAL]
    const { wrapper, calls } = await mountApp(
      backend(() => loaded(list), {
        invoice_edit: () => {
          list = [{ ...PERSONAL, isDefault: true }, { ...COMPANY, isDefault: false }]
          return null
        },
      }),
      '/invoice',
    )
    await wrapper.get('[data-testid="invoice-tmp-2"] [data-testid="set-default"]').trigger('click')
    await flushPromises()
    const edit = calls.find((c) => c.cmd === 'invoice_edit')!
    expect(edit.args.id).toBe('tmp-2')
    const input = edit.args.input as Record<string, unknown>
    expect(input.invoiceIsDefault).toBe(true)
    expect(Object.entries(input).filter(([key, value]) => key !== 'invoiceIsDefault' && value !== null)).toEqual([])
    expect(wrapper.get('[data-testid="invoice-tmp-2"]').text()).toContain('默认')
  })

  it('opens the edit page of the invoice the user taps', async () => {
    const { wrapper, router } = await mountApp(backend(() => loaded([COMPANY, PERSONAL])), '/invoice')
    await wrapper.get('[data-testid="invoice-21"] [data-testid="open"]').trigger('click')
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.invoice.edit'))
    expect(router.currentRoute.value.query).toEqual({ id: '21' })
  })

  describe('delete with undo', () => {
    const removeRow = (wrapper: VueWrapper, id: string) =>
      wrapper.get(`[data-testid="invoice-${id}"] [data-testid="remove"]`).trigger('click')

    it('hides the row and sends invoice_remove only once the undo time is over', async () => {
      let list: unknown[] = [COMPANY, PERSONAL]
      const { wrapper, calls } = await mountApp(
        backend(() => loaded(list), {
          invoice_remove: () => {
            list = [PERSONAL]
            return null
          },
        }),
        '/invoice',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, '21')
      await flushPromises()
      expect(wrapper.find('[data-testid="invoice-21"]').exists()).toBe(false)
      expect(wrapper.get('[data-testid="undo-bar"]').text()).toContain('已删除“深圳市蓝海数科技术有限公司”')
      expect(calls.map((c) => c.cmd)).not.toContain('invoice_remove')

      vi.advanceTimersByTime(4000)
      await flushPromises()
      expect(calls).toContainEqual({ cmd: 'invoice_remove', args: { id: '21' } })
      expect(wrapper.find('[data-testid="invoice-21"]').exists()).toBe(false)
    })

    it('brings the row back on undo and never sends the removal', async () => {
      const { wrapper, calls } = await mountApp(backend(() => loaded([COMPANY, PERSONAL])), '/invoice')
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, 'tmp-2')
      await flushPromises()
      await wrapper.get('[data-testid="undo"]').trigger('click')
      await flushPromises()
      expect(wrapper.find('[data-testid="invoice-tmp-2"]').exists()).toBe(true)
      vi.advanceTimersByTime(10_000)
      await flushPromises()
      expect(calls.map((c) => c.cmd)).not.toContain('invoice_remove')
    })

    it('sends the waiting removal when the user leaves the page', async () => {
      const { wrapper, calls, router } = await mountApp(
        backend(() => loaded([COMPANY, PERSONAL]), { invoice_remove: () => null }),
        '/invoice',
      )
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      await removeRow(wrapper, 'tmp-2')
      await router.push({ name: 'lcs.invoice.edit' })
      await flushPromises()
      expect(calls).toContainEqual({ cmd: 'invoice_remove', args: { id: 'tmp-2' } })
    })
  })
})
