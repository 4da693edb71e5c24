import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { fieldErrors, mountApp, pageBackend, submitForm } from '../testing'
import { drafts, paramValue } from './apiConsole'

/** Three calls as Rust's catalog describes them: one per family. */
const CATALOG = [
  {
    name: 'customer.login',
    family: 'customer',
    method: 'POST',
    path: '/api/login/customer.app.CustomerWebApiService.login',
    auth: 'guest',
    titleZh: '登录',
    titleEn: 'Sign in',
    params: [
      {
        name: 'type',
        type: 'integer',
        required: true,
        format: null,
        description: '注册登录方式',
        values: [
          { value: 1, meaning: '1 邮箱 e-mail' },
          { value: 2, meaning: '2 手机号码 phone' },
        ],
      },
      { name: 'loginName', type: 'string', required: true, format: null, description: '账号', values: [] },
      { name: 'isThird', type: 'boolean', required: true, format: null, description: '是否第三方', values: [] },
      { name: 'loginPwd', type: 'string', required: false, format: 'password', description: '登录密码', values: [] },
      { name: 'phoneArea', type: 'string', required: false, format: null, description: '手机区号', values: [] },
    ],
  },
  {
    name: 'user_center.manage_address_remove_batch',
    family: 'user_center',
    method: 'POST',
    path: '/manage/account/userDeliveryAddress/removeBatch',
    auth: 'required',
    titleZh: '用户地址表-批量删除',
    titleEn: 'Delete several delivery addresses (back office)',
    params: [{ name: 'udId', type: 'array', required: true, format: null, description: '地址id', values: [] }],
  },
  {
    name: 'planner.picUpload',
    family: 'planner',
    method: 'POST',
    path: '/srv/v1/pic/upload',
    auth: 'required',
    titleZh: '上传头像',
    titleEn: 'Upload the avatar',
    params: [
      { name: 'file', type: 'object', required: true, format: 'file', description: '文件', values: [] },
    ],
  },
  {
    name: 'planner.accountDetail',
    family: 'planner',
    method: 'GET',
    path: '/srv/v1/accountDetail',
    auth: 'required',
    titleZh: '账号详情',
    titleEn: 'Account details',
    params: [],
    guesses: [
      {
        id: 'access-token',
        choice: '`access_token` sent, as on C4',
        reason: 'the example shows no `access_token`',
      },
    ],
  },
]

function backend(answer: (name: string, params: unknown) => unknown = () => ({ ok: true })) {
  return pageBackend((cmd, args) => {
    switch (cmd) {
      case 'api_catalog':
        return CATALOG
      case 'api_call':
        return answer(args.name as string, args.params)
      default:
        return undefined
    }
  })
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  for (const name of Object.keys(drafts)) delete drafts[name]
  document.body.innerHTML = ''
})

describe('API console', () => {
  it('lists every call by family with its title, and finds one by path or name', async () => {
    const { wrapper } = await mountApp(backend(), '/settings/console')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('接口控制台')
    expect(wrapper.get('[data-testid="console-count"]').text()).toContain('4')
    const login = wrapper.get('[data-testid="console-call-customer.login"]')
    expect(login.text()).toContain('登录')
    expect(login.text()).toContain('POST /api/login/customer.app.CustomerWebApiService.login')

    await wrapper.findAll('[data-testid="console-families"] .van-tab')[3].trigger('click')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="console-call-"]').map((c) => c.attributes('data-testid'))).toEqual([
      'console-call-planner.picUpload',
      'console-call-planner.accountDetail',
    ])

    await wrapper.findAll('[data-testid="console-families"] .van-tab')[0].trigger('click')
    await wrapper.get('[data-testid="console-search"] input').setValue('removeBatch')
    await flushPromises()
    expect(wrapper.findAll('[data-testid^="console-call-"]').map((c) => c.attributes('data-testid'))).toEqual([
      'console-call-user_center.manage_address_remove_batch',
    ])
    await wrapper.get('[data-testid="console-search"] input').setValue('nothing-like-this')
    await flushPromises()
    expect(wrapper.get('[data-testid="console-empty"]').text()).toContain('没有匹配的接口')
  })

  it('builds the form from the parameters: choices with their meanings, masked secrets, descriptions', async () => {
    const { wrapper } = await mountApp(backend(), '/settings/console/customer.login')
    expect(wrapper.get('[data-testid="call-title"]').text()).toBe('登录')
    expect(wrapper.text()).toContain('Sign in')
    const kind = wrapper.get('[data-testid="param-type"]')
    expect(kind.text()).toContain('2 · 2 手机号码 phone')
    // A required choice offers no "not sent".
    expect(kind.text()).not.toContain('不发送')
    expect(wrapper.get('[data-testid="param-loginPwd"] input').attributes('type')).toBe('password')
    expect(wrapper.get('[data-testid="param-loginName"] input').attributes('type')).toBe('text')
    expect(wrapper.text()).toContain('手机区号')
  })

  it("shows what a call does where its seed is unclear, and nothing for a call without a guess", async () => {
    const { wrapper } = await mountApp(backend(), '/settings/console/planner.accountDetail')
    const guess = wrapper.get('[data-testid="call-guess-access-token"]')
    expect(guess.text()).toContain('`access_token` sent, as on C4')
    expect(guess.text()).toContain('the example shows no `access_token`')

    const other = await mountApp(backend(), '/settings/console/customer.login')
    expect(other.wrapper.find('[data-testid="call-guesses"]').exists()).toBe(false)
  })

  it('names every field that is missing or malformed and sends nothing', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/console/user_center.manage_address_remove_batch')
    await wrapper.get('[data-testid="param-udId"] textarea').setValue('[1, 2')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['不是有效的 JSON'])
    await wrapper.get('[data-testid="param-udId"] textarea').setValue('{"udId": 1}')
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['JSON 数组：[ … ]'])
    expect(calls.map((c) => c.cmd)).not.toContain('api_call')
  })

  it('sends the typed parameters, leaves empty ones out, and shows the answer', async () => {
    const { wrapper, calls } = await mountApp(
      backend(() => ({ customerNo: 'C1001', token: '<redacted>' })),
      '/settings/console/customer.login',
    )
    await submitForm(wrapper)
    expect(fieldErrors(wrapper)).toEqual(['必填', '必填', '必填'])

    await wrapper.findAll('[data-testid="param-type"] .van-radio')[1].trigger('click')
    await wrapper.get('[data-testid="param-loginName"] input').setValue('13800000001')
    await wrapper.findAll('[data-testid="param-isThird"] .van-radio')[1].trigger('click')
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'api_call')?.args).toEqual({
      name: 'customer.login',
      params: { type: 2, loginName: '13800000001', isThird: false },
    })
    expect(wrapper.get('[data-testid="call-answer"]').text()).toContain('"customerNo": "C1001"')
  })

  it('sends a picked file as its name and Base64 bytes', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/console/planner.picUpload')
    const picker = wrapper.get('[data-testid="param-file"] input[type="file"]')
    Object.defineProperty(picker.element, 'files', { value: [new File([new Uint8Array([1, 2, 3])], 'me.png', { type: 'image/png' })] })
    await picker.trigger('change')
    await vi.waitFor(() => expect(wrapper.get('[data-testid="call-file-name"]').text()).toBe('me.png'))
    await submitForm(wrapper)
    expect(calls.find((c) => c.cmd === 'api_call')?.args).toEqual({
      name: 'planner.picUpload',
      params: { file: { fileName: 'me.png', base64: 'AQID' } },
    })
  })

  it('shows a refusal with its code, message and trace id', async () => {
    const { wrapper } = await mountApp(
      backend(() => {
        throw {
          code: 'invalid_input',
          reason: { kind: 'invalidParameter', call: 'user_center.manage_address_remove_batch', parameter: 'udId' },
          message: 'user_center.manage_address_remove_batch: parameter udId: invalid type: string "x", expected i64',
          trace: null,
        }
      }),
      '/settings/console/user_center.manage_address_remove_batch',
    )
    await wrapper.get('[data-testid="param-udId"] textarea').setValue('["x"]')
    await submitForm(wrapper)
    const error = wrapper.get('[data-testid="call-error"]')
    expect(error.text()).toContain('invalid_input')
    expect(error.text()).toContain('udId: invalid type')
  })

  it('keeps what was typed when the tester leaves the call and comes back', async () => {
    const { wrapper, router } = await mountApp(backend(), '/settings/console/customer.login')
    await wrapper.get('[data-testid="param-loginName"] input').setValue('demo@lcs.test')
    await router.push('/settings/console')
    await flushPromises()
    await router.push('/settings/console/customer.login')
    await flushPromises()
    expect((wrapper.get('[data-testid="param-loginName"] input').element as HTMLInputElement).value).toBe('demo@lcs.test')
  })
})

describe('a console field', () => {
  const integer = { name: 'n', type: 'integer', required: false, format: null, description: '', values: [] }

  it('reads whole numbers, and leaves an empty optional field unsent', () => {
    expect(paramValue(integer, ' 42 ')).toEqual({ value: 42 })
    expect(paramValue(integer, '4.2')).toEqual({ problem: 'integer' })
    expect(paramValue(integer, '')).toEqual({ value: undefined })
    expect(paramValue({ ...integer, required: true }, '  ')).toEqual({ problem: 'required' })
  })

  it('sends text as typed, spaces included', () => {
    expect(paramValue({ ...integer, type: 'string' }, ' a b ')).toEqual({ value: ' a b ' })
  })
})
