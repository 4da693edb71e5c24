import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeNotify, closeToast } from 'vant'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

/** The sandbox's demo special VAT invoice, paper, the default. */
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
    invoice_address: '深圳市福田区福华三路 168 号国际商会中心 27 楼',
    invoice_phone: '0755-88886666',
    invoice_bankname: '招商银行深圳福田支行',
    invoice_bankaccount: '755912345610801',
    invoice_content: '技术服务费',
    invoice_contact_name: '张伟',
    invoice_contact_mobile: '13800000001',
    invoice_contact_email: 'finance@lanhai.example',
    invoice_contact_area: '广东省 深圳市 福田区',
    invoice_contact_address: '福华三路 168 号 国际商会中心 27 楼',
  },
}

const NOTHING = {
  invoiceTitle: null,
  invoiceType: null,
  invoiceIsCompany: null,
  invoiceIsElectronic: null,
  invoiceCompanyCode: null,
  invoiceAddress: null,
  invoicePhone: null,
  invoiceBankname: null,
  invoiceBankaccount: null,
  invoiceContent: null,
  invoiceContactName: null,
  invoiceContactMobile: null,
  invoiceContactEmail: null,
  invoiceContactArea: null,
  invoiceContactAddress: null,
  invoiceIsDefault: null,
}

function loaded(data: unknown[]) {
  return { data, source: 'cache', fetchedAt: 1_700_000_000_000, stale: false, offline: false }
}

function backend(list: () => unknown[], extra: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  return (cmd, args) => {
    const override = extra[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'invoice_list':
        return loaded(list())
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const field = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"] input, [data-testid="${id}"] textarea`)
const fill = (wrapper: VueWrapper, id: string, value: string) => field(wrapper, id).setValue(value)
const valueOf = (wrapper: VueWrapper, id: string) => (field(wrapper, id).element as HTMLInputElement).value
const errors = (wrapper: VueWrapper) => wrapper.findAll('.van-field__error-message').map((e) => e.text())

async function choose(wrapper: VueWrapper, id: string) {
  await wrapper.get(`[data-testid="${id}"]`).trigger('click')
  await flushPromises()
}

async function save(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="invoice-form"]').trigger('submit')
  await flushPromises()
}

/** Opens the region picker, taps a province, a city and a county, and confirms. */
async function pickRegion(wrapper: VueWrapper, ...names: string[]) {
  await field(wrapper, 'contact-area').trigger('click')
  await flushPromises()
  for (const [index, name] of names.entries()) {
    const column = document.querySelectorAll('.van-picker-column')[index]
    const option = [...column.querySelectorAll('.van-picker-column__item')].find((item) => item.textContent === name)
    ;(option as HTMLElement).click()
    await flushPromises()
  }
  ;(document.querySelector('.van-picker__confirm') as HTMLElement).click()
  await flushPromises()
}

afterEach(() => {
  closeToast(true)
  closeNotify()
  clearMocks()
  document.body.innerHTML = ''
})

describe('Invoice editor', () => {
  it('adds personal electronic details with only the fields they need', async () => {
    let list: unknown[] = []
    const { wrapper, calls, router } = await mountApp(
      backend(() => list, {
        invoice_add: () => {
          list = [{ id: 'tmp-5', isDefault: false, pending: true, data: { invoice_title: '王五', invoice_is_company: false, invoice_type: 1, invoice_is_electronic: 1 } }]
          return 'tmp-5'
        },
      }),
      '/invoice/edit',
    )
    expect(wrapper.get('[data-testid="invoice-edit-heading"]').text()).toBe('新增发票信息')
    // A person gets a normal invoice, without a tax ID or company billing details.
    expect(wrapper.find('[data-testid="type"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="company-code"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="special-fields"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="contact-area"]').exists()).toBe(false)

    await save(wrapper)
    expect(errors(wrapper)).toEqual(['请填写发票抬头', '请填写邮箱'])
    await fill(wrapper, 'title', '王五')
    await fill(wrapper, 'contact-email', 'wang@')
    await fill(wrapper, 'contact-mobile', '1370000')
    await save(wrapper)
    expect(errors(wrapper)).toEqual(['请填写正确的邮箱地址', '请填写正确的 11 位手机号'])
    expect(calls.map((c) => c.cmd)).not.toContain('invoice_add')

    await fill(wrapper, 'contact-email', 'wang@example.com')
    await fill(wrapper, 'contact-mobile', '')
    await save(wrapper)
    expect(calls).toContainEqual({
      cmd: 'invoice_add',
      args: {
        input: {
          ...NOTHING,
          invoiceTitle: '王五',
          invoiceType: 1,
          invoiceIsCompany: false,
          invoiceIsElectronic: 1,
          invoiceContactEmail: 'wang@example.com',
          invoiceIsDefault: false,
        },
      },
    })
    expect(router.currentRoute.value.name).toBe('lcs.invoice.list')
    await flushPromises()
    expect(wrapper.get('[data-testid="invoice-tmp-5"] [data-testid="pending"]').text()).toBe('待同步')
  })

  it('asks a company for its tax ID, and checks its form', async () => {
    const { wrapper, calls } = await mountApp(backend(() => [], { invoice_add: () => 'tmp-6' }), '/invoice/edit')
    await choose(wrapper, 'company')
    expect(wrapper.find('[data-testid="type"]').exists()).toBe(true)
    await fill(wrapper, 'title', '某某科技有限公司')
    await fill(wrapper, 'contact-email', 'ap@example.com')
    await save(wrapper)
    expect(errors(wrapper)).toEqual(['请填写税号'])
    await fill(wrapper, 'company-code', '1234')
    await save(wrapper)
    expect(errors(wrapper)).toEqual(['税号为 15 到 20 位数字或大写字母'])
    expect(calls.map((c) => c.cmd)).not.toContain('invoice_add')

    await fill(wrapper, 'company-code', '91440300ma5g8k2x7l')
    expect(valueOf(wrapper, 'company-code')).toBe('91440300MA5G8K2X7L')
    await save(wrapper)
    const input = calls.find((c) => c.cmd === 'invoice_add')!.args.input as Record<string, unknown>
    expect(input).toMatchObject({
      invoiceIsCompany: true,
      invoiceType: 1,
      invoiceCompanyCode: '91440300MA5G8K2X7L',
      invoiceAddress: null,
      invoiceBankaccount: null,
    })
  })

  it('asks for every billing detail of a special VAT invoice and a paper invoice’s delivery address', async () => {
    const { wrapper, calls } = await mountApp(backend(() => [], { invoice_add: () => 'tmp-7' }), '/invoice/edit')
    await choose(wrapper, 'company')
    await choose(wrapper, 'type-special')
    await choose(wrapper, 'paper')
    expect(wrapper.get('[data-testid="special-fields"]').text()).toContain('增值税专用发票仅向企业开具')
    expect(wrapper.find('[data-testid="contact-email"]').exists()).toBe(false)
    await save(wrapper)
    expect(errors(wrapper)).toEqual([
      '请填写发票抬头',
      '请填写税号',
      '请填写注册地址',
      '请填写注册电话',
      '请填写开户银行',
      '请填写银行账号',
      '请填写收票人',
      '请填写手机号',
      '请选择所在地区',
      '请填写详细地址',
    ])

    await fill(wrapper, 'title', '深圳市蓝海数科技术有限公司')
    await fill(wrapper, 'company-code', '91440300MA5G8K2X7L')
    await fill(wrapper, 'address', '深圳市福田区福华三路 168 号')
    await fill(wrapper, 'phone', '0755-88886666')
    await fill(wrapper, 'bankname', '招商银行深圳福田支行')
    await fill(wrapper, 'bankaccount', '7559 1234 5610 801')
    await fill(wrapper, 'contact-name', '张伟')
    await fill(wrapper, 'contact-mobile', '13800000001')
    await pickRegion(wrapper, '广东省', '深圳市', '福田区')
    expect(valueOf(wrapper, 'contact-area')).toBe('广东省 深圳市 福田区')
    await fill(wrapper, 'contact-address', '国际商会中心 27 楼')
    await wrapper.get('[data-testid="is-default"]').trigger('click')
    await save(wrapper)
    expect(errors(wrapper)).toEqual([])
    expect(calls.find((c) => c.cmd === 'invoice_add')!.args).toEqual({
      input: {
        ...NOTHING,
        invoiceTitle: '深圳市蓝海数科技术有限公司',
        invoiceType: 2,
        invoiceIsCompany: true,
        invoiceIsElectronic: 0,
        invoiceCompanyCode: '91440300MA5G8K2X7L',
        invoiceAddress: '深圳市福田区福华三路 168 号',
        invoicePhone: '0755-88886666',
        invoiceBankname: '招商银行深圳福田支行',
        invoiceBankaccount: '755912345610801',
        invoiceContactName: '张伟',
        invoiceContactMobile: '13800000001',
        invoiceContactArea: '广东省 深圳市 福田区',
        invoiceContactAddress: '国际商会中心 27 楼',
        invoiceIsDefault: true,
      },
    })
  })

  it('opens saved details with everything they hold, and clears what a new kind no longer needs', async () => {
    const { wrapper, calls, router } = await mountApp(backend(() => [COMPANY], { invoice_edit: () => null }), '/invoice/edit?id=21')
    expect(wrapper.get('[data-testid="invoice-edit-heading"]').text()).toBe('修改发票信息')
    expect(wrapper.get('[data-testid="company"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.get('[data-testid="type-special"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.get('[data-testid="paper"]').attributes('aria-checked')).toBe('true')
    expect(valueOf(wrapper, 'title')).toBe('深圳市蓝海数科技术有限公司')
    expect(valueOf(wrapper, 'company-code')).toBe('91440300MA5G8K2X7L')
    expect(valueOf(wrapper, 'bankaccount')).toBe('755912345610801')
    expect(valueOf(wrapper, 'contact-area')).toBe('广东省 深圳市 福田区')
    expect(valueOf(wrapper, 'content')).toBe('技术服务费')
    expect(wrapper.get('[data-testid="is-default"]').classes()).toContain('van-switch--on')

    // Now a person's electronic invoice: the company's details and the postal address go.
    await choose(wrapper, 'personal')
    await choose(wrapper, 'electronic')
    await fill(wrapper, 'title', '张伟')
    expect(valueOf(wrapper, 'contact-email')).toBe('finance@lanhai.example')
    await save(wrapper)
    expect(calls.find((c) => c.cmd === 'invoice_edit')!.args).toEqual({
      id: '21',
      input: {
        invoiceTitle: '张伟',
        invoiceType: 1,
        invoiceIsCompany: false,
        invoiceIsElectronic: 1,
        invoiceCompanyCode: '',
        invoiceAddress: '',
        invoicePhone: '',
        invoiceBankname: '',
        invoiceBankaccount: '',
        invoiceContent: '技术服务费',
        invoiceContactName: '',
        invoiceContactMobile: '13800000001',
        invoiceContactEmail: 'finance@lanhai.example',
        invoiceContactArea: '',
        invoiceContactAddress: '',
        // Unchanged: left as it is.
        invoiceIsDefault: null,
      },
    })
    expect(router.currentRoute.value.name).toBe('lcs.invoice.list')
  })

  it('keeps everything typed when saving fails, and shows why', async () => {
    const { wrapper, router } = await mountApp(
      backend(() => [], {
        invoice_add: () => {
          throw { code: 'storage', reason: { kind: 'cacheFailed' }, message: 'the offline cache failed: disk I/O error', trace: null }
        },
      }),
      '/invoice/edit',
    )
    await fill(wrapper, 'title', '王五')
    await fill(wrapper, 'contact-email', 'wang@example.com')
    await save(wrapper)
    expect(document.body.textContent).toContain('离线缓存出错')
    expect(router.currentRoute.value.name).toBe('lcs.invoice.edit')
    expect(valueOf(wrapper, 'title')).toBe('王五')
    expect(valueOf(wrapper, 'contact-email')).toBe('wang@example.com')
    expect(wrapper.get('[data-testid="save"]').classes()).not.toContain('van-button--loading')
  })

  it('speaks English when the app does', async () => {
    const { wrapper } = await mountApp(backend(() => []), '/invoice/edit')
    applyLanguage('en-US')
    await flushPromises()
    expect(wrapper.get('[data-testid="invoice-edit-heading"]').text()).toBe('New invoice details')
    await choose(wrapper, 'company')
    await save(wrapper)
    expect(errors(wrapper)).toEqual(['Enter the Title', 'Enter the Tax ID', 'Enter the E-mail'])
  })

  it('fits its English labels beside their fields, and puts the choices under theirs', async () => {
    const { wrapper } = await mountApp(backend(() => []), '/invoice/edit')
    applyLanguage('en-US')
    await flushPromises()
    await choose(wrapper, 'company')
    await choose(wrapper, 'type-special')
    await choose(wrapper, 'paper')
    const fields = wrapper.findAll('.van-field')
    // Beside its field a label has Vant's 6.2em: about twelve letters at 14 px before it wraps.
    const beside = fields.filter((field) => !field.classes().includes('van-field--label-top'))
    const labels = beside.map((field) => field.find('.van-field__label').text())
    expect(labels.filter((label) => label.length > 12)).toEqual([])
    // "Special VAT invoice" beside "Invoice type" would wrap: the choices take the row's width.
    for (const choices of ['is-company', 'type', 'medium']) {
      expect(wrapper.get(`[data-testid="${choices}"]`).element.closest('.van-field')?.classList).toContain('van-field--label-top')
    }
  })

  it('says so when the details are gone', async () => {
    const { wrapper } = await mountApp(backend(() => [COMPANY]), '/invoice/edit?id=99')
    expect(wrapper.get('[data-testid="invoice-missing"]').text()).toContain('这条发票信息不存在或已被删除')
  })

  // One test: Vant's dialog is a single instance per test file.
  it('deletes only after the user confirms, then goes back to the list', async () => {
    let list: unknown[] = [COMPANY]
    const { wrapper, calls, router } = await mountApp(
      backend(() => list, {
        invoice_remove: () => {
          list = []
          return null
        },
      }),
      '/invoice/edit?id=21',
    )
    await wrapper.get('[data-testid="remove"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('删除这条发票信息？')
    ;(document.querySelector('.van-dialog__cancel') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).not.toContain('invoice_remove')

    await wrapper.get('[data-testid="remove"]').trigger('click')
    await flushPromises()
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'invoice_remove', args: { id: '21' } })
    expect(router.currentRoute.value.name).toBe('lcs.invoice.list')
    await flushPromises()
    expect(wrapper.text()).toContain('还没有发票信息')
  })
})
