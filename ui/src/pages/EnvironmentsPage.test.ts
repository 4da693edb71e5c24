import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import type { Environment, EnvironmentList } from '../bindings'
import { APP_INFO, arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const SANDBOX_URL = 'http://127.0.0.1:40123/'

const STAGING: Environment = {
  id: 'staging',
  name: 'Staging',
  customerBase: 'https://a.staging.example',
  userCenterBase: 'https://a.staging.example',
  plannerBase: 'https://a.staging.example',
  companyId: '42',
  apiVersion: '0.0.1',
  platid: '2015100011',
  vercode: 1,
  channel: '1CWR',
  plannerRefreshPath: '/srv/v1/refresh',
  userCenterToken: 'bearer',
  codeSender: null,
  plannerClientId: '',
  plannerClientSecret: '',
  h5Origins: [],
  lang: null,
}

const QA: Environment = { ...STAGING, id: 'qa', name: 'QA', customerBase: 'https://qa.example' }

/** A tester's environment with everything set, including what the editor does not show. */
const PLANNED: Environment = {
  ...STAGING,
  id: 'planned',
  name: 'Planned',
  codeSender: { method: 'POST', path: '/sms/send', body: '{"to":"{{phone}}"}' },
  plannerClientId: 'lcs-planned',
  plannerClientSecret: 'planned-registration',
  h5Origins: [
    { origin: 'https://h5.planned.example', tier: 'trusted' },
    { origin: 'https://partner.example:8443', tier: 'partner' },
  ],
  trustSandboxH5: true,
  lang: 'en-US',
  userCenterToken: 'header',
}

const PICKED_FILE = '{"format":"lcs-account/environments","version":1,"environments":[]}'

/** Rust's side: the sandbox and pre-production built in, plus `custom`; Chinese UI. */
function backend(custom: Environment[] = [], overrides: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  let current = 'sandbox'
  let mine = [...custom]
  const list = (): EnvironmentList => ({
    current,
    environments: [
      { environment: { id: 'sandbox', name: 'Sandbox (built-in)' }, builtIn: true, baseUrl: SANDBOX_URL, problem: null },
      {
        environment: { id: 'preprod', name: 'Pre-production', customerBase: 'https://prewppc-3.cmfbl.com', companyId: '' },
        builtIn: true,
        baseUrl: 'https://prewppc-3.cmfbl.com',
        problem: {
          code: 'invalid_input',
          reason: { kind: 'invalidInput', field: 'companyId', problem: { kind: 'required' } },
          message: 'companyId: is required',
          trace: null,
        },
      },
      ...mine.map((environment) => ({ environment, builtIn: false, baseUrl: environment.customerBase ?? null, problem: null })),
    ],
  })
  // The file the tester picks: QA (new) and Staging (already there, on a new host).
  const importPicked = () => {
    const picked = [QA, { ...STAGING, name: 'Staging (new host)', customerBase: 'https://b.staging.example' }]
    const added = picked.filter((e) => !mine.some((m) => m.id === e.id)).map((e) => e.id)
    const replaced = picked.filter((e) => mine.some((m) => m.id === e.id)).map((e) => e.id)
    mine = [...mine.filter((m) => !picked.some((e) => e.id === m.id)), ...picked]
    return { added, replaced }
  }
  return (cmd, args) => {
    const override = overrides[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return list()
      case 'environment_select':
        current = args.id as string
        return list()
      case 'environment_save': {
        const environment = args.environment as Environment
        mine = [...mine.filter((e) => e.id !== environment.id), environment]
        return list()
      }
      case 'environment_remove':
        mine = mine.filter((e) => e.id !== args.id)
        if (current === args.id) current = 'sandbox'
        return list()
      case 'environment_export':
        return `/home/tester/lcs-environments-${(args.id as string | null) ?? 'all'}.json`
      case 'environment_import': {
        // Changing an environment the tester has waits for their word, as Rust does.
        if (mine.some((m) => m.id === STAGING.id)) {
          return {
            kind: 'confirm',
            text: PICKED_FILE,
            plan: {
              added: ['qa'],
              replaced: [{ id: 'staging', name: 'Staging', changed: ['name', 'customerBase'], signsOut: true }],
            },
          }
        }
        return { kind: 'imported', import: importPicked(), environments: list() }
      }
      case 'environment_import_confirm':
        if (args.text !== PICKED_FILE) throw new Error('another file was confirmed')
        return { import: importPicked(), environments: list() }
      default:
        return unexpectedCommand(cmd)
    }
  }
}

async function fill(wrapper: VueWrapper, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) {
    await wrapper.get(`[data-testid="field-${field}"] input`).setValue(value)
  }
}

const inputOf = (wrapper: VueWrapper, testid: string) =>
  wrapper.get(`[data-testid="${testid}"] input`).element as HTMLInputElement

async function submit(wrapper: VueWrapper) {
  await wrapper.get('[data-testid="environment-editor"]').trigger('submit')
  await flushPromises()
  // Vant validates the fields one promise after another.
  await new Promise((resolve) => setTimeout(resolve, 0))
  await flushPromises()
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Backend environments', () => {
  it('opens from Settings and switches to pre-production', async () => {
    const { wrapper, router, calls } = await mountApp(backend(), '/settings')
    const current = wrapper.get('[data-testid="environment-current"]')
    expect(current.text()).toContain('沙盒（内置）')
    expect(current.text()).toContain(SANDBOX_URL)

    await current.trigger('click')
    await arrivedAt(router, 'settings.environments')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('后端环境')
    const preprod = wrapper.get('[data-testid="environment-preprod"]')
    expect(preprod.text()).toContain('预发布')
    expect(preprod.text()).toContain('请填写公司编号 companyId')
    expect(preprod.text()).not.toContain('is required')

    await preprod.trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'environment_select', args: { id: 'preprod' } })
    expect(preprod.find('.van-radio__icon--checked').exists()).toBe(true)
    expect(wrapper.get('[data-testid="environment-sandbox"]').find('.van-radio__icon--checked').exists()).toBe(false)
    expect(document.body.textContent).toContain('已切换到 预发布')

    await router.push({ name: 'lcs.settings' })
    await flushPromises()
    expect(wrapper.get('[data-testid="environment-current"]').text()).toContain('预发布')
  })

  it('adds a custom environment', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/environments')
    await wrapper.get('[data-testid="environment-add"]').trigger('click')
    await fill(wrapper, {
      id: 'staging',
      name: 'Staging',
      customerBase: 'https://a.staging.example',
      userCenterBase: 'https://a.staging.example',
      plannerBase: 'https://a.staging.example',
      companyId: '42',
    })
    // Family C's parameters left empty follow the platform the app runs on.
    expect(inputOf(wrapper, 'field-platid').placeholder).toBe('留空：按运行平台取值')
    await submit(wrapper)

    const followsPlatform = { ...STAGING, platid: null, vercode: null, channel: null }
    expect(calls).toContainEqual({ cmd: 'environment_save', args: { environment: followsPlatform, isNew: true } })
    expect(wrapper.find('[data-testid="environment-editor"]').exists()).toBe(false)
    const added = wrapper.get('[data-testid="environment-staging"]')
    expect(added.text()).toContain('Staging')
    expect(added.text()).toContain('https://a.staging.example')
    expect(document.body.textContent).toContain('环境已保存')
  })

  it('shows a bad URL on its field, sends nothing and keeps what was typed', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/environments')
    await wrapper.get('[data-testid="environment-add"]').trigger('click')
    await fill(wrapper, {
      id: 'staging',
      name: 'Staging',
      customerBase: 'prewppc-3.cmfbl.com',
      userCenterBase: 'https://a.staging.example',
      plannerBase: 'https://a.staging.example',
      companyId: '42',
    })
    await submit(wrapper)

    expect(calls.map((c) => c.cmd)).not.toContain('environment_save')
    expect(wrapper.get('[data-testid="field-customerBase"]').text()).toContain('请输入以 https:// 开头')
    const value = (field: string) => (wrapper.get(`[data-testid="field-${field}"] input`).element as HTMLInputElement).value
    expect(value('customerBase')).toBe('prewppc-3.cmfbl.com')
    expect(value('name')).toBe('Staging')
    expect(value('companyId')).toBe('42')
  })

  it("shows Rust's refusal on the field it names and keeps the editor open", async () => {
    const failing = backend([STAGING], {
      environment_save: () => {
        throw {
          code: 'invalid_input',
          reason: { kind: 'invalidInput', field: 'id', problem: { kind: 'taken', id: 'staging' } },
          message: 'id: "staging" is already taken',
          trace: null,
        }
      },
    })
    const { wrapper } = await mountApp(failing, '/settings/environments')
    await wrapper.get('[data-testid="environment-add"]').trigger('click')
    await fill(wrapper, {
      id: 'staging',
      name: 'Another',
      customerBase: 'https://b.example',
      userCenterBase: 'https://b.example',
      plannerBase: 'https://b.example',
      companyId: '1',
    })
    await submit(wrapper)

    expect(document.body.textContent).toContain('标识“staging”已被使用，请换一个')
    expect(document.body.textContent).not.toContain('already taken')
    expect(wrapper.get('[data-testid="field-id"]').text()).toContain('标识“staging”已被使用')
    expect((wrapper.get('[data-testid="field-name"] input').element as HTMLInputElement).value).toBe('Another')
  })

  it('editing one field saves every other field unchanged, shown or not', async () => {
    const { wrapper, calls } = await mountApp(backend([PLANNED]), '/settings/environments')
    await wrapper.get('[data-testid="environment-edit-planned"]').trigger('click')
    expect(inputOf(wrapper, 'field-plannerClientId').value).toBe('lcs-planned')
    expect(inputOf(wrapper, 'field-h5Origin-1').value).toBe('https://partner.example:8443')

    await fill(wrapper, { name: 'Planned (renamed)' })
    await submit(wrapper)

    const saved = calls.filter((c) => c.cmd === 'environment_save')
    expect(saved).toEqual([{ cmd: 'environment_save', args: { environment: { ...PLANNED, name: 'Planned (renamed)' }, isNew: false } }])
    expect(wrapper.find('[data-testid="environment-editor"]').exists()).toBe(false)
  })

  it("edits the planner client, the H5 origins with their trust, and the backends' language", async () => {
    const { wrapper, calls } = await mountApp(backend([PLANNED]), '/settings/environments')
    await wrapper.get('[data-testid="environment-edit-planned"]').trigger('click')
    expect(wrapper.get('[data-testid="lang-en-US"]').find('.van-radio__icon--checked').exists()).toBe(true)

    // The secret is hidden until asked for.
    const secret = inputOf(wrapper, 'field-plannerClientSecret')
    expect(secret.type).toBe('password')
    await wrapper.get('[data-testid="planner-secret-toggle"]').trigger('click')
    expect(secret.type).toBe('text')
    expect(secret.value).toBe('planned-registration')
    await fill(wrapper, { plannerClientId: 'lcs-next', plannerClientSecret: 'next-registration' })

    // Drop the first origin, make the partner trusted, and add a partner of its own.
    expect(wrapper.get('[data-testid="field-h5Tier-0"]').text()).toContain('受信任')
    expect(wrapper.get('[data-testid="field-h5Tier-0"]').text()).toContain('合作方')
    await wrapper.get('[data-testid="h5Origin-remove-0"]').trigger('click')
    expect(wrapper.findAll('[data-testid^="field-h5Origin-"]')).toHaveLength(1)
    expect(inputOf(wrapper, 'field-h5Origin-0').value).toBe('https://partner.example:8443')
    await wrapper.get('[data-testid="h5Tier-0-trusted"]').trigger('click')
    await wrapper.get('[data-testid="h5Origin-add"]').trigger('click')
    await fill(wrapper, { 'h5Origin-1': ' http://127.0.0.1:8080 ' })
    await wrapper.get('[data-testid="h5Tier-1-partner"]').trigger('click')
    await wrapper.get('[data-testid="lang-app"]').trigger('click')
    await submit(wrapper)

    expect(calls).toContainEqual({
      cmd: 'environment_save',
      args: {
        environment: {
          ...PLANNED,
          plannerClientId: 'lcs-next',
          plannerClientSecret: 'next-registration',
          h5Origins: [
            { origin: 'https://partner.example:8443', tier: 'trusted' },
            { origin: 'http://127.0.0.1:8080', tier: 'partner' },
          ],
          lang: null,
        },
        isNew: false,
      },
    })
  })

  it("chooses how the user centre's token travels", async () => {
    const { wrapper, calls } = await mountApp(backend([PLANNED]), '/settings/environments')
    await wrapper.get('[data-testid="environment-edit-planned"]').trigger('click')
    const checked = (transport: string) =>
      wrapper.get(`[data-testid="userCenterToken-${transport}"]`).find('.van-radio__icon--checked').exists()
    expect(checked('header')).toBe(true)
    expect(checked('bearer')).toBe(false)

    await wrapper.get('[data-testid="userCenterToken-query"]').trigger('click')
    await submit(wrapper)

    expect(calls).toContainEqual({
      cmd: 'environment_save',
      args: { environment: { ...PLANNED, userCenterToken: 'query' }, isNew: false },
    })
  })

  it('refuses an H5 origin with a path under its row, sends nothing and keeps what was typed', async () => {
    const { wrapper, calls } = await mountApp(backend([PLANNED]), '/settings/environments')
    await wrapper.get('[data-testid="environment-edit-planned"]').trigger('click')
    await wrapper.get('[data-testid="h5Origin-add"]').trigger('click')
    await fill(wrapper, { 'h5Origin-2': 'https://h5.example.com/app' })
    await submit(wrapper)

    expect(calls.map((c) => c.cmd)).not.toContain('environment_save')
    expect(wrapper.get('[data-testid="field-h5Origin-2"]').text()).toContain('只填来源：https://主机[:端口]')
    expect(wrapper.get('[data-testid="field-h5Origin-1"]').text()).not.toContain('只填来源')
    expect(inputOf(wrapper, 'field-h5Origin-2').value).toBe('https://h5.example.com/app')
  })

  it("shows Rust's refusal of an H5 origin under the row it names", async () => {
    const failing = backend([PLANNED], {
      environment_save: () => {
        throw {
          code: 'invalid_input',
          reason: {
            kind: 'invalidEntry',
            field: 'h5Origins',
            index: 1,
            part: 'origin',
            problem: { kind: 'notOrigin', text: 'https://partner.example:8443', detail: 'must be http(s)://host[:port]' },
          },
          message: 'h5Origins[1].origin: "https://partner.example:8443": must be http(s)://host[:port]',
          trace: null,
        }
      },
    })
    const { wrapper } = await mountApp(failing, '/settings/environments')
    await wrapper.get('[data-testid="environment-edit-planned"]').trigger('click')
    await submit(wrapper)

    const row = wrapper.get('[data-testid="field-h5Origin-1"]')
    expect(row.find('.van-field__error-message').text()).toBe('来源 2需为 https://主机[:端口]，不带路径（仅 127.0.0.1 或 localhost 可用 http://）')
    expect(wrapper.get('[data-testid="field-h5Origin-0"]').find('.van-field__error-message').exists()).toBe(false)
    expect(wrapper.find('[data-testid="environment-editor"]').exists()).toBe(true)

    // Typing in the row takes Rust's verdict away.
    await fill(wrapper, { 'h5Origin-1': 'https://partner.example:9443' })
    expect(row.find('.van-field__error-message').exists()).toBe(false)
  })

  it('removes a custom environment after asking', async () => {
    const { wrapper, calls } = await mountApp(backend([STAGING]), '/settings/environments')
    expect(wrapper.find('[data-testid="environment-remove-sandbox"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="environment-remove-preprod"]').exists()).toBe(false)

    await wrapper.get('[data-testid="environment-remove-staging"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('删除环境“Staging”？')
    expect(calls.map((c) => c.cmd)).not.toContain('environment_remove')
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()

    expect(calls).toContainEqual({ cmd: 'environment_remove', args: { id: 'staging' } })
    expect(wrapper.find('[data-testid="environment-staging"]').exists()).toBe(false)
    expect(calls.map((c) => c.cmd)).not.toContain('environment_select')
  })

  it('exports the environment the tester chose to the file they picked', async () => {
    const { wrapper, calls } = await mountApp(backend([STAGING, QA]), '/settings/environments')
    await wrapper.get('[data-testid="environment-export"]').trigger('click')
    await flushPromises()
    const choices = [...document.querySelectorAll<HTMLElement>('.van-action-sheet__item')]
    expect(choices.map((item) => item.textContent)).toEqual(['我的全部环境（2 个）', 'Stagingstaging', 'QAqa'])
    expect(calls.map((c) => c.cmd)).not.toContain('environment_export')

    choices[2].click()
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'environment_export', args: { id: 'qa' } })
    expect(document.body.textContent).toContain('已保存到 /home/tester/lcs-environments-qa.json')
  })

  it('cannot export before the tester has environments of their own', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/environments')
    const button = wrapper.get('[data-testid="environment-export"]')
    expect(button.attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="environment-export-hint"]').text()).toContain('还没有自己的环境可以导出')
    await button.trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).not.toContain('environment_export')
  })

  it('imports a file that adds only, without asking', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings/environments')
    await wrapper.get('[data-testid="environment-import"]').trigger('click')
    await flushPromises()

    expect(calls.map((c) => c.cmd)).not.toContain('environment_import_confirm')
    expect(document.body.textContent).toContain('新增 2 个，替换 0 个')
    expect(wrapper.get('[data-testid="environment-qa"]').text()).toContain('https://qa.example')
  })

  it('says what a file would replace, and replaces nothing when the tester says no', async () => {
    const { wrapper, calls } = await mountApp(backend([STAGING]), '/settings/environments')
    await wrapper.get('[data-testid="environment-import"]').trigger('click')
    await vi.waitFor(() => expect(document.body.textContent).toContain('替换已有的环境？'))

    const dialog = document.body.textContent ?? ''
    expect(dialog).toContain('替换已有的环境？')
    expect(dialog).toContain('“Staging”将变更：名称、客户接口地址（A）')
    expect(dialog).toContain('已保存的登录会被退出')
    expect(dialog).toContain('文件还会新增 1 个环境')
    ;(document.querySelector('.van-dialog__cancel') as HTMLElement).click()
    await flushPromises()

    expect(calls.map((c) => c.cmd)).not.toContain('environment_import_confirm')
    expect(wrapper.get('[data-testid="environment-staging"]').text()).not.toContain('new host')
    expect(wrapper.find('[data-testid="environment-qa"]').exists()).toBe(false)
  })

  it('imports a file, once confirmed, says what was added and replaced, and lists them', async () => {
    const { wrapper, calls } = await mountApp(backend([STAGING]), '/settings/environments')
    await wrapper.get('[data-testid="environment-import"]').trigger('click')
    await vi.waitFor(() => expect(document.body.textContent).toContain('替换已有的环境？'))
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()

    expect(calls.filter((c) => c.cmd === 'environment_import')).toHaveLength(1)
    expect(calls).toContainEqual({ cmd: 'environment_import_confirm', args: { text: PICKED_FILE } })
    expect(document.body.textContent).toContain('新增 1 个，替换 1 个')
    expect(document.body.textContent).toContain('已替换：Staging (new host)')
    expect(wrapper.get('[data-testid="environment-qa"]').text()).toContain('https://qa.example')
    expect(wrapper.get('[data-testid="environment-staging"]').text()).toContain('Staging (new host)')
    expect(wrapper.find('[data-testid="environment-import-error"]').exists()).toBe(false)
  })

  it('changes nothing and says nothing when the tester cancels the file dialog', async () => {
    const cancelled = backend([STAGING], {
      environment_import: () => null,
      environment_export: () => null,
    })
    const { wrapper, calls } = await mountApp(cancelled, '/settings/environments')
    await wrapper.get('[data-testid="environment-import"]').trigger('click')
    await flushPromises()
    // One environment of their own: exported without asking which.
    await wrapper.get('[data-testid="environment-export"]').trigger('click')
    await flushPromises()

    expect(calls).toContainEqual({ cmd: 'environment_export', args: { id: null } })
    expect(document.querySelector('.van-toast')?.textContent ?? '').toBe('')
    expect(wrapper.findAll('[data-testid^="environment-remove-"]')).toHaveLength(1)
    const importButton = wrapper.get('[data-testid="environment-import"]')
    expect(importButton.classes()).not.toContain('van-button--loading')
    expect(importButton.attributes('disabled')).toBeUndefined()
  })

  it('shows why a file was refused, naming the environment and field, and keeps the list', async () => {
    const refusal = {
      code: 'invalid_file',
      reason: {
        kind: 'environmentFile',
        problem: {
          kind: 'environment',
          position: 1,
          id: 'broken',
          name: 'Broken',
          field: 'customerBase',
          problem: { kind: 'notUrl', text: 'prewppc-3.cmfbl.com', detail: 'relative URL without a base' },
        },
      },
      message: 'environment "broken" (Broken): customerBase: not a URL (relative URL without a base): "prewppc-3.cmfbl.com"',
      trace: null,
    }
    let answer: () => void = () => {}
    const refusing = backend([STAGING], {
      environment_import: () =>
        new Promise((_, reject) => {
          answer = () => reject(refusal)
        }),
    })
    const { wrapper, calls } = await mountApp(refusing, '/settings/environments')
    const importButton = wrapper.get('[data-testid="environment-import"]')
    await importButton.trigger('click')
    await flushPromises()
    // While the dialog is open the button shows progress and a second click sends nothing.
    expect(importButton.classes()).toContain('van-button--loading')
    await importButton.trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'environment_import')).toHaveLength(1)

    answer()
    await flushPromises()
    expect(importButton.classes()).not.toContain('van-button--loading')
    const notice = wrapper.get('[data-testid="environment-import-error"]')
    expect(notice.text()).toContain('第 1 个环境 “broken” (Broken) 有误：客户接口地址（A）不是有效的网址')
    expect(notice.text()).not.toContain('relative URL')
    expect(document.querySelector('.van-toast')?.textContent).toContain('未导入任何环境')
    expect(wrapper.findAll('[data-testid^="environment-remove-"]')).toHaveLength(1)
  })
})
