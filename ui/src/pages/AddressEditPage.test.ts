import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeNotify, closeToast } from 'vant'
import { applyLanguage } from '../i18n'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const HOME = {
  id: '11',
  isDefault: true,
  pending: false,
  data: {
    ud_id: 11,
    ud_name: '张三',
    ud_mobile: '13800000001',
    ud_province: '广东省',
    ud_province_id: 440000,
    ud_city: '深圳市',
    ud_city_id: 440300,
    ud_county: '南山区',
    ud_county_id: 440305,
    ud_address: '科技园 1 号',
    ud_postalcode: '518057',
    ud_tag_name: '1001',
  },
}
/** Added elsewhere without region codes: the form finds them by the names. */
const OFFICE = {
  id: '12',
  isDefault: false,
  pending: false,
  data: { ud_id: 12, ud_name: '李四', ud_mobile: '13900000002', ud_province: '广东省', ud_city: '深圳市', ud_county: '福田区', ud_address: '福华三路 168 号' },
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
      case 'address_list':
        return loaded(list())
      default:
        return unexpectedCommand(cmd)
    }
  }
}

const input = (wrapper: VueWrapper, index: number) => wrapper.findAll('.van-address-edit__fields input').at(index)!
const nameInput = (wrapper: VueWrapper) => input(wrapper, 0)
const telInput = (wrapper: VueWrapper) => input(wrapper, 1)
const areaInput = (wrapper: VueWrapper) => input(wrapper, 2)
const detailInput = (wrapper: VueWrapper) => wrapper.get('.van-address-edit__fields textarea')

async function save(wrapper: VueWrapper) {
  await wrapper.get('.van-address-edit form, form.van-address-edit').trigger('submit')
  await flushPromises()
}

/** Opens the region picker, taps a province, a city and a county, and confirms. */
async function pickRegion(wrapper: VueWrapper, ...names: string[]) {
  await areaInput(wrapper).trigger('click')
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

describe('Address editor', () => {
  it('adds an address with the region picker, its tag and default, then lists it as waiting to sync', async () => {
    let list: unknown[] = [HOME]
    const { wrapper, calls, router } = await mountApp(
      backend(() => list, {
        address_add: (_cmd, args) => {
          const added = args.input as Record<string, unknown>
          list = [...list, { id: 'tmp-9', isDefault: false, pending: true, data: { ud_name: added.udName, ud_mobile: added.udMobile } }]
          return 'tmp-9'
        },
      }),
      '/address/edit',
    )
    expect(wrapper.get('[data-testid="address-edit-heading"]').text()).toBe('新增收货地址')
    expect(calls.map((c) => c.cmd)).not.toContain('address_list')

    await nameInput(wrapper).setValue('王五')
    await telInput(wrapper).setValue('13700000003')
    await pickRegion(wrapper, '北京市', '北京市', '东城区')
    expect((areaInput(wrapper).element as HTMLInputElement).value).toBe('北京市/东城区')
    await detailInput(wrapper).setValue('东长安街 1 号')
    await wrapper.get('[data-testid="postalcode"] input').setValue('100010')
    await wrapper.get('[data-testid="tag-company"]').trigger('click')
    await wrapper.get('.van-address-edit__default .van-switch').trigger('click')
    await save(wrapper)

    expect(calls).toContainEqual({
      cmd: 'address_add',
      args: {
        input: {
          udName: '王五',
          udMobile: '13700000003',
          udTelephone: null,
          udIntl: null,
          udProvince: '北京市',
          udProvinceId: 110000,
          udCity: '北京市',
          udCityId: 110100,
          udCounty: '东城区',
          udCountyId: 110101,
          udAddress: '东长安街 1 号',
          udPostalcode: '100010',
          udTagName: '1002',
          udIsDefault: true,
        },
      },
    })
    expect(router.currentRoute.value.name).toBe('lcs.address.list')
    await flushPromises()
    expect(wrapper.get('[data-testid="address-tmp-9"]').text()).toContain('王五')
    expect(wrapper.get('[data-testid="address-tmp-9"] [data-testid="pending"]').text()).toBe('待同步')
  })

  it('says what is missing or wrong, field by field, and sends nothing', async () => {
    const { wrapper, calls } = await mountApp(backend(() => [HOME]), '/address/edit')
    await pickRegion(wrapper, '北京市')
    expect(document.body.textContent).toContain('请选择地区')
    await save(wrapper)
    const errors = () => wrapper.findAll('.van-field__error-message').map((e) => e.text())
    expect(errors()).toEqual(['请填写收货人姓名', '请填写手机号', '请选择所在地区', '请填写详细地址（街道、门牌号）'])

    await nameInput(wrapper).setValue('王五')
    await telInput(wrapper).setValue('12345')
    await detailInput(wrapper).setValue('1号')
    await wrapper.get('[data-testid="postalcode"] input').setValue('1000')
    await save(wrapper)
    expect(errors()).toEqual(['请填写正确的 11 位手机号', '请选择所在地区', '详细地址太短，请写到门牌号', '邮政编码为 6 位数字'])
    expect(calls.map((c) => c.cmd)).not.toContain('address_add')
  })

  it('speaks English when the app does', async () => {
    const { wrapper } = await mountApp(backend(() => [HOME]), '/address/edit')
    applyLanguage('en-US')
    await flushPromises()
    expect(wrapper.get('[data-testid="address-edit-heading"]').text()).toBe('New delivery address')
    await save(wrapper)
    expect(wrapper.text()).toContain('Enter the recipient’s name')
    expect(wrapper.text()).toContain('Choose the region')
    expect(wrapper.get('[data-testid="tag"]').text()).toContain('Company')
  })

  it('opens an address with everything it holds, and sends the edit with its id', async () => {
    let list: unknown[] = [HOME, OFFICE]
    const { wrapper, calls, router } = await mountApp(
      backend(() => list, {
        address_edit: () => {
          list = [{ ...HOME, pending: true, data: { ...HOME.data, ud_name: '张三丰' } }, OFFICE]
          return null
        },
      }),
      '/address/edit?id=11',
    )
    expect(wrapper.get('[data-testid="address-edit-heading"]').text()).toBe('修改收货地址')
    expect((nameInput(wrapper).element as HTMLInputElement).value).toBe('张三')
    expect((telInput(wrapper).element as HTMLInputElement).value).toBe('13800000001')
    expect((areaInput(wrapper).element as HTMLInputElement).value).toBe('广东省/深圳市/南山区')
    expect((detailInput(wrapper).element as HTMLTextAreaElement).value).toBe('科技园 1 号')
    expect((wrapper.get('[data-testid="postalcode"] input').element as HTMLInputElement).value).toBe('518057')
    expect(wrapper.get('[data-testid="tag-home"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.get('.van-address-edit__default .van-switch').classes()).toContain('van-switch--on')

    await nameInput(wrapper).setValue('张三丰')
    await save(wrapper)
    expect(calls).toContainEqual({
      cmd: 'address_edit',
      args: {
        id: '11',
        input: {
          udName: '张三丰',
          udMobile: '13800000001',
          udTelephone: null,
          udIntl: null,
          udProvince: '广东省',
          udProvinceId: 440000,
          udCity: '深圳市',
          udCityId: 440300,
          udCounty: '南山区',
          udCountyId: 440305,
          udAddress: '科技园 1 号',
          udPostalcode: '518057',
          udTagName: '1001',
          // Unchanged: left as it is.
          udIsDefault: null,
        },
      },
    })
    expect(router.currentRoute.value.name).toBe('lcs.address.list')
    await flushPromises()
    expect(wrapper.get('[data-testid="address-11"]').text()).toContain('张三丰')
    expect(wrapper.find('[data-testid="address-11"] [data-testid="pending"]').exists()).toBe(true)
  })

  it('finds the region of an address saved without its codes, and clears a removed postal code', async () => {
    const { wrapper, calls } = await mountApp(
      backend(() => [HOME, OFFICE], { address_edit: () => null }),
      '/address/edit?id=12',
    )
    expect((areaInput(wrapper).element as HTMLInputElement).value).toBe('广东省/深圳市/福田区')
    await save(wrapper)
    const sent = calls.find((c) => c.cmd === 'address_edit')!.args.input as Record<string, unknown>
    expect(sent).toMatchObject({ udCountyId: 440304, udCityId: 440300, udProvinceId: 440000, udPostalcode: null, udTagName: null })

    const again = await mountApp(backend(() => [HOME], { address_edit: () => null }), '/address/edit?id=11')
    await again.wrapper.get('[data-testid="postalcode"] input').setValue('')
    await save(again.wrapper)
    const cleared = again.calls.find((c) => c.cmd === 'address_edit')!.args.input as Record<string, unknown>
    expect(cleared.udPostalcode).toBe('')
  })

  it('keeps everything typed when saving fails, and shows why', async () => {
    const { wrapper, router } = await mountApp(
      backend(() => [HOME], {
        address_add: () => {
          throw { code: 'storage', reason: { kind: 'cacheFailed' }, message: 'the offline cache failed: disk I/O error', trace: null }
        },
      }),
      '/address/edit',
    )
    await nameInput(wrapper).setValue('王五')
    await telInput(wrapper).setValue('13700000003')
    await pickRegion(wrapper, '北京市', '北京市', '东城区')
    await detailInput(wrapper).setValue('东长安街 1 号')
    await save(wrapper)
    expect(document.body.textContent).toContain('离线缓存出错')
    expect(router.currentRoute.value.name).toBe('lcs.address.edit')
    expect((nameInput(wrapper).element as HTMLInputElement).value).toBe('王五')
    expect((telInput(wrapper).element as HTMLInputElement).value).toBe('13700000003')
    expect((areaInput(wrapper).element as HTMLInputElement).value).toBe('北京市/东城区')
    expect((detailInput(wrapper).element as HTMLTextAreaElement).value).toBe('东长安街 1 号')
  })

  it('says so when the address is gone', async () => {
    const { wrapper } = await mountApp(backend(() => [HOME]), '/address/edit?id=99')
    expect(wrapper.get('[data-testid="address-missing"]').text()).toContain('这个地址不存在或已被删除')
  })

  // One test: Vant's dialog is a single instance per test file.
  it('deletes only after the user confirms, then goes back to the list', async () => {
    let list: unknown[] = [HOME, OFFICE]
    const { wrapper, calls, router } = await mountApp(
      backend(() => list, {
        address_remove: () => {
          list = [OFFICE]
          return null
        },
      }),
      '/address/edit?id=11',
    )
    const deleteButton = () => wrapper.findAll('.van-address-edit__buttons .van-button').find((b) => b.text() === '删除')!
    await deleteButton().trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('删除这个地址？')
    // The dialog's button says what it does, in the danger colour.
    const confirm = document.querySelector('.van-dialog__confirm') as HTMLElement
    expect(confirm.textContent).toBe('删除')
    expect(confirm.style.color).toBe('var(--van-danger-color)')
    ;(document.querySelector('.van-dialog__cancel') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).not.toContain('address_remove')

    await deleteButton().trigger('click')
    await flushPromises()
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'address_remove', args: { id: '11' } })
    expect(router.currentRoute.value.name).toBe('lcs.address.list')
    await flushPromises()
    expect(wrapper.find('[data-testid="address-11"]').exists()).toBe(false)
  })
})
