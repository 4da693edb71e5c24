import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import type { CommandError } from '../bindings'
import { APP_INFO, arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

/** The environment list with only the sandbox, up (`baseUrl`) or down (`problem`). */
function sandboxOnly(baseUrl: string | null, problem: CommandError | null) {
  return {
    current: 'sandbox',
    environments: [{ environment: { id: 'sandbox', name: 'Sandbox (built-in)' }, builtIn: true, baseUrl, problem }],
  }
}

/** Rust's side of the settings, starting in Chinese. */
function backend(overrides: Partial<Record<string, IpcHandler>> = {}): IpcHandler {
  let saved: string | null = 'zh-CN'
  return (cmd, args) => {
    const override = overrides[cmd]
    if (override) return override(cmd, args)
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: saved }
      case 'inspector_list':
        return []
      case 'inspector_set_enabled':
        return { language: saved, inspectorEnabled: args.enabled }
      case 'settings_set_notifications_enabled':
        return { language: saved, notificationsEnabled: args.enabled }
      case 'settings_set_console_enabled':
        return { language: saved, consoleEnabled: args.enabled }
      case 'settings_set_debug_log':
        return { language: saved, debugLog: args.enabled }
      case 'settings_set_developer_mode':
        return { language: saved, developerMode: args.enabled }
      case 'api_catalog':
        return []
      case 'settings_set_language':
        saved = args.language as string | null
        return { language: saved }
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return sandboxOnly('http://127.0.0.1:40123/', null)
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Settings page', () => {
  it('switches the whole UI to English and saves the choice in Rust', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('设置')

    await wrapper.get('[data-testid="language-en-US"]').trigger('click')
    await flushPromises()

    expect(calls).toContainEqual({ cmd: 'settings_set_language', args: { language: 'en-US' } })
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('Settings')
    expect(wrapper.get('[data-testid="tabbar"]').text()).toContain('Home')
    expect(document.documentElement.lang).toBe('en-US')
  })

  it('goes back to following the system language', async () => {
    Object.defineProperty(navigator, 'languages', { value: ['en-GB'], configurable: true })
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('设置')

    await wrapper.get('[data-testid="language-system"]').trigger('click')
    await flushPromises()

    expect(calls).toContainEqual({ cmd: 'settings_set_language', args: { language: null } })
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('Settings')
  })

  it('switches request recording for testers and leads to the inspector', async () => {
    const { wrapper, calls, router } = await mountApp(backend(), '/settings')
    await wrapper.get('[data-testid="inspector-switch"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'inspector_set_enabled', args: { enabled: true } })
    expect(wrapper.get('[data-testid="inspector-switch"]').classes()).toContain('van-switch--on')
    await wrapper.get('[data-testid="inspector-link"]').trigger('click')
    await arrivedAt(router, 'settings.inspector')
  })

  it('offers the API console once it is switched on', async () => {
    const { wrapper, calls, router } = await mountApp(backend(), '/settings')
    expect(wrapper.find('[data-testid="console-link"]').exists()).toBe(false)
    await wrapper.get('[data-testid="console-switch"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_console_enabled', args: { enabled: true } })
    await wrapper.get('[data-testid="console-link"]').trigger('click')
    await arrivedAt(router, 'settings.console')
  })

  it('turns message notifications off, saved in Rust, and on again', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    const toggle = () => wrapper.get('[data-testid="notifications-switch"]')
    expect(toggle().classes()).toContain('van-switch--on')
    await toggle().trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_notifications_enabled', args: { enabled: false } })
    expect(toggle().classes()).not.toContain('van-switch--on')
    await toggle().trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_notifications_enabled', args: { enabled: true } })
    expect(toggle().classes()).toContain('van-switch--on')
  })

  it('shows the build the tester is running', async () => {
    const { wrapper } = await mountApp(backend(), '/settings')
    expect(wrapper.get('[data-testid="about"]').text()).toContain('0.1.0')
    expect(wrapper.get('[data-testid="about-build"]').text()).toContain('调试版')
  })

  it('shows which backend the app talks to, and why it is down when it is', async () => {
    const { wrapper } = await mountApp(backend(), '/settings')
    const environment = wrapper.get('[data-testid="environment"]').text()
    expect(environment).toContain('沙盒（内置）')
    expect(environment).toContain('http://127.0.0.1:40123/')

    const down = backend({
      environment_list: () =>
        sandboxOnly(null, {
          code: 'invalid_input',
          reason: { kind: 'invalidInput', field: 'customerBase', problem: { kind: 'sandboxDown', detail: 'cannot listen on 127.0.0.1: no ports' } },
          message: 'customerBase: the built-in sandbox is down: cannot listen on 127.0.0.1: no ports',
          trace: null,
        }),
    })
    const { wrapper: failed } = await mountApp(down, '/settings')
    const text = failed.get('[data-testid="environment"]').text()
    expect(text).toContain('不可用')
    expect(text).toContain('内置沙盒未能启动')
  })

  it('keeps the old language and says why when the choice cannot be saved', async () => {
    const failing = backend({
      settings_set_language: () => {
        throw { code: 'storage', reason: { kind: 'saveFailed' }, message: 'could not save settings to /ro/settings.json: Read-only file system', trace: null }
      },
    })
    const { wrapper } = await mountApp(failing, '/settings')

    await wrapper.get('[data-testid="language-en-US"]').trigger('click')
    await flushPromises()

    expect(document.body.textContent).toContain('无法保存到本机')
    expect(document.body.textContent).not.toContain('Read-only file system')
    expect(wrapper.get('[data-testid="page-title"]').text()).toContain('设置')
    expect(document.documentElement.lang).toBe('zh-CN')
  })
})

describe('Developer mode', () => {
  /** An operator's build: Rust says developer mode is off, until the version is tapped seven times. */
  function operatorBackend() {
    let developerMode = false
    const production = { environment: { id: 'production', name: 'Production' }, builtIn: true, baseUrl: 'https://api.example.com/', problem: null }
    const sandbox = { environment: { id: 'sandbox', name: 'Sandbox (built-in)' }, builtIn: true, baseUrl: 'http://127.0.0.1:40123/', problem: null }
    return backend({
      settings_get: () => ({ language: 'en-US', developerMode }),
      settings_set_developer_mode: (_cmd, args) => {
        developerMode = args.enabled as boolean
        return { language: 'en-US', developerMode }
      },
      environment_list: () => ({ current: 'production', environments: developerMode ? [production, sandbox] : [production] }),
    })
  }

  it('hides the testers\' tools and the backend address until the version is tapped seven times', async () => {
    const { wrapper, calls } = await mountApp(operatorBackend(), '/settings')
    await flushPromises()
    expect(wrapper.find('[data-testid="testers"]').exists()).toBe(false)
    const environment = wrapper.get('[data-testid="environment-current"]')
    expect(environment.text()).toContain('Production')
    expect(environment.text()).not.toContain('api.example.com')

    const version = wrapper.get('[data-testid="about-version"]')
    for (let tap = 1; tap <= 6; tap++) await version.trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('Tap once more to turn on developer mode')
    expect(calls.filter((call) => call.cmd === 'settings_set_developer_mode')).toEqual([])

    await version.trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_developer_mode', args: { enabled: true } })
    expect(document.body.textContent).toContain('Developer mode is on')
    expect(wrapper.find('[data-testid="testers"]').exists()).toBe(true)
    expect(wrapper.get('[data-testid="environment-current"]').text()).toContain('api.example.com')
  })

  it('turns off from the testers\' section, saved in Rust', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    await flushPromises()
    await wrapper.get('[data-testid="developer-switch"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_developer_mode', args: { enabled: false } })
  })
})

describe('What a tester sends when something went wrong', () => {
  it('keeps debug lines in the log once switched on', async () => {
    const { wrapper, calls } = await mountApp(backend(), '/settings')
    expect(wrapper.get('[data-testid="debug-log-switch"]').classes()).not.toContain('van-switch--on')
    await wrapper.get('[data-testid="debug-log-switch"]').trigger('click')
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'settings_set_debug_log', args: { enabled: true } })
    expect(wrapper.get('[data-testid="debug-log-switch"]').classes()).toContain('van-switch--on')
  })

  it('opens the log folder and says where it is, or why it could not', async () => {
    let opened = true
    const { wrapper, calls } = await mountApp(
      backend({
        diagnostics_open_log_folder: () => {
          if (opened) return '/home/u/.local/share/com.lcs.account/logs'
          throw {
            code: 'system',
            reason: { kind: 'logFolderUnopenable', path: '/home/u/logs' },
            message: 'could not open the log folder /home/u/logs: no file manager',
            trace: null,
          }
        },
      }),
      '/settings',
    )
    const cell = () => wrapper.get('[data-testid="log-folder"]')
    await cell().trigger('click')
    await flushPromises()
    expect(calls.map((c) => c.cmd)).toContain('diagnostics_open_log_folder')
    expect(cell().text()).toContain('已打开 /home/u/.local/share/com.lcs.account/logs')

    opened = false
    await cell().trigger('click')
    await flushPromises()
    expect(cell().text()).toContain('无法打开日志文件夹：系统无法打开 /home/u/logs')
    expect(cell().classes()).toContain('failed')
  })

  it('exports diagnostics where the tester picks, saying so while it works, when done and when it failed', async () => {
    let answer: (value: string | null) => void = () => undefined
    let failure: unknown = null
    const { wrapper, calls } = await mountApp(
      backend({
        diagnostics_export: () => {
          if (failure) throw failure
          return new Promise((resolve) => (answer = resolve))
        },
      }),
      '/settings',
    )
    const cell = () => wrapper.get('[data-testid="diagnostics-export"]')
    expect(cell().text()).toContain('不含令牌和密码')

    await cell().trigger('click')
    await flushPromises()
    expect(cell().text()).toContain('正在导出诊断信息…')
    // A second tap while the dialog is open asks nothing more.
    await cell().trigger('click')
    await flushPromises()
    expect(calls.filter((c) => c.cmd === 'diagnostics_export')).toHaveLength(1)
    answer('/tmp/lcs-diagnostics.json')
    await flushPromises()
    expect(cell().text()).toContain('诊断信息已保存到 /tmp/lcs-diagnostics.json')

    // Cancelled in the dialog: back to what the button does.
    await cell().trigger('click')
    await flushPromises()
    answer(null)
    await flushPromises()
    expect(cell().text()).toContain('不含令牌和密码')

    failure = {
      code: 'storage',
      reason: { kind: 'saveFailed' },
      message: 'could not save the diagnostics file to /ro/d.json: Read-only file system',
      trace: null,
    }
    await cell().trigger('click')
    await flushPromises()
    expect(cell().text()).toContain('诊断信息导出失败：无法保存到本机，请检查磁盘空间和文件权限')
    expect(cell().classes()).toContain('failed')
  })

  it('says all of it in English too', async () => {
    const { wrapper } = await mountApp(
      backend({
        settings_get: () => ({ language: 'en-US' }),
        diagnostics_export: () => '/tmp/d.json',
      }),
      '/settings',
    )
    const testers = wrapper.get('[data-testid="testers"]').text()
    expect(testers).toContain('Debug lines in the log')
    expect(testers).toContain('Open the log folder')
    expect(testers).toContain('Export diagnostics…')
    await wrapper.get('[data-testid="diagnostics-export"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="diagnostics-export"]').text()).toContain('Diagnostics saved to /tmp/d.json')
  })
})

describe('Signing out', () => {
  const SESSION = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }

  // One test: Vant's dialog is a single instance per test file.
  it('asks first, warns about edits still waiting for the server, and only then signs out', async () => {
    let pending = 0
    const { wrapper, calls } = await mountApp(
      backend({
        auth_overview: () => ({ ...SIGNED_OUT, sessions: [SESSION] }),
        auth_pending_edits: () => pending,
        auth_sign_out: () => null,
      }),
      '/settings',
    )
    await wrapper.get('[data-testid="sign-out-user_center"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('退出会员账户？')
    ;(document.querySelector('.van-dialog__cancel') as HTMLElement).click()
    await flushPromises()
    expect(calls.map((c) => c.cmd)).not.toContain('auth_sign_out')

    pending = 3
    await wrapper.get('[data-testid="sign-out-user_center"]').trigger('click')
    await flushPromises()
    expect(document.body.textContent).toContain('还有 3 项修改尚未同步')
    ;(document.querySelector('.van-dialog__confirm') as HTMLElement).click()
    await flushPromises()
    expect(calls).toContainEqual({ cmd: 'auth_sign_out', args: { family: 'user_center' } })
  })
})
