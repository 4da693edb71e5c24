import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { emit } from '@tauri-apps/api/event'
import { flushPromises } from '@vue/test-utils'
import { closeToast } from 'vant'
import { APP_INFO, errorDetails, mountApp, type IpcHandler, SIGNED_OUT, submitForm, unexpectedCommand } from '../testing'

const DEMO = {
  phoneArea: '+86',
  phone: '13800000001',
  email: 'demo@lcs.test',
  plannerUsername: 'demo',
  password: 'demo1234',
  purposeZh: '完整演示',
  purposeEn: 'the full demo',
}

const PLANNER_SESSION = {
  family: 'planner',
  account: '1',
  displayName: 'demo',
  persisted: true,
  verified: true,
  mode: null,
}

function backend(
  demoAccounts: unknown[],
  extra: IpcHandler = () => undefined,
  overview: unknown = SIGNED_OUT,
  language = 'zh-CN',
): IpcHandler {
  return (cmd, args) => {
    const answer = extra(cmd, args)
    if (answer !== undefined) return answer
    switch (cmd) {
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language }
      case 'app_info':
        return APP_INFO
      case 'environment_demo_accounts':
        return demoAccounts
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  // The toast is a singleton: a new one must not be drawn into the previous test's body.
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Sign-in page', () => {
  it('lists the sandbox demo accounts with their passwords', async () => {
    const { wrapper } = await mountApp(backend([DEMO]), '/account/login')
    expect(wrapper.get('[data-testid="login"]').text()).toContain('沙盒演示账号')
    const list = wrapper.get('[data-testid="demo-accounts"]').text()
    expect(list).toContain('+86 13800000001')
    expect(list).toContain('demo@lcs.test · 完整演示')
    expect(list).toContain('密码 demo1234')
  })

  it('gives each demo account fact its own line, so that none wraps beside the number', async () => {
    const { wrapper } = await mountApp(backend([DEMO], () => undefined, SIGNED_OUT, 'en-US'), '/account/login')
    const account = wrapper.get('[data-testid="demo-accounts"] .van-cell')
    expect(account.find('.van-cell__value').exists()).toBe(false)
    expect(account.get('[data-testid="demo-password"]').text()).toBe('Password demo1234')
  })

  it('suggests no account for any other environment', async () => {
    const { wrapper } = await mountApp(backend([]), '/account/login')
    expect(wrapper.find('[data-testid="demo-accounts"]').exists()).toBe(false)
  })
})

describe('Signing in', () => {
  it('sends what the user typed on the planner tab and goes home', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend([DEMO], (cmd) => (cmd === 'auth_planner_login' ? PLANNER_SESSION : undefined)),
      '/account/login',
    )
    await wrapper.findAll('.van-tab')[2].trigger('click')
    await wrapper.get('[data-testid="planner-username"] input').setValue('demo')
    await wrapper.get('[data-testid="planner-password"] input').setValue('demo1234')
    await submitForm(wrapper)
    const login = calls.find((c) => c.cmd === 'auth_planner_login')
    expect(login?.args).toEqual({
      input: { username: 'demo', phone: null, password: 'demo1234', remember: true },
    })
    expect(router.currentRoute.value.name).toBe('lcs.home')
  })

  it('returns to the page that asked for sign-in, leaving no second copy of it for Back', async () => {
    const { wrapper, router } = await mountApp(
      backend([DEMO], (cmd) => (cmd === 'auth_planner_login' ? PLANNER_SESSION : undefined)),
      '/account/certify',
    )
    await router.push({ name: 'lcs.account.login', query: { redirect: '/account/certify' } })
    await flushPromises()
    await wrapper.findAll('.van-tab')[2].trigger('click')
    await wrapper.get('[data-testid="planner-username"] input').setValue('demo')
    await wrapper.get('[data-testid="planner-password"] input').setValue('demo1234')
    await submitForm(wrapper)
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe('lcs.account.certify'))
    expect(window.history.state.back).not.toBe('/account/certify')
  })

  it('keeps the input and shows the server\'s words when the password is wrong', async () => {
    const { wrapper, router, calls } = await mountApp(
      backend([], (cmd) => {
        if (cmd === 'auth_customer_login') throw { code: 'business', reason: { kind: 'backend', sentence: '密码错误' }, message: 'the detail, in English (code 1001)', trace: 't-42' }
        return undefined
      }),
      '/account/login',
    )
    await wrapper.get('[data-testid="customer-login-name"] input').setValue('demo@lcs.test')
    await wrapper.get('[data-testid="customer-password"] input').setValue('nope')
    await submitForm(wrapper)
    expect(calls.map((c) => c.cmd)).toContain('auth_customer_login')
    expect(document.body.textContent).toContain('密码错误')
    expect(await errorDetails()).toContain('t-42')
    expect(router.currentRoute.value.name).toBe('lcs.account.login')
    expect((wrapper.get('[data-testid="customer-login-name"] input').element as HTMLInputElement).value).toBe(
      'demo@lcs.test',
    )
  })

  it('fills the form from a tapped demo account', async () => {
    const { wrapper } = await mountApp(backend([DEMO]), '/account/login')
    await wrapper.get('[data-testid="demo-accounts"] .van-cell').trigger('click')
    expect((wrapper.get('[data-testid="customer-login-name"] input').element as HTMLInputElement).value).toBe(
      'demo@lcs.test',
    )
    expect((wrapper.get('[data-testid="customer-password"] input').element as HTMLInputElement).value).toBe('demo1234')
  })

  it('explains in words that another device signed the user out', async () => {
    const { wrapper } = await mountApp(backend([]), '/account/login')
    expect(wrapper.find('[data-testid="signout-reason"]').exists()).toBe(false)
    await emit('auth-state', { change: 'signed_out', reason: 'kicked', family: 'planner', session: null })
    await flushPromises()
    expect(wrapper.get('[data-testid="signout-reason"]').text()).toContain('其他设备登录')
  })

  it('explains that a session was ended rather than sent to the environment\'s new server', async () => {
    const { wrapper } = await mountApp(
      backend([], () => undefined, { ...SIGNED_OUT, signedOutBecause: 'host_changed' }),
      '/account/login',
    )
    expect(wrapper.get('[data-testid="signout-reason"]').text()).toContain('指向其他服务器')
  })

  it('says once that sessions are kept in memory when no keychain works', async () => {
    const { wrapper } = await mountApp(
      backend([], () => undefined, { ...SIGNED_OUT, keychain: { available: false, problem: 'no Secret Service' } }),
      '/account/login',
    )
    expect(wrapper.get('[data-testid="memory-only"]').text()).toContain('内存')
  })
})

describe('WeChat QR login', () => {
  it('shows the code, asks until the phone confirms, then signs in', async () => {
    let polls = 0
    const { wrapper, router, calls } = await mountApp(
      backend([], (cmd) => {
        if (cmd === 'auth_wechat_qr_start') return { image: 'data:image/svg+xml;base64,PHN2Zy8+', expiresInSeconds: 300 }
        if (cmd === 'auth_wechat_qr_poll') {
          polls += 1
          return polls < 2 ? { status: 'pending' } : { status: 'signed_in', session: { ...PLANNER_SESSION, family: 'user_center' } }
        }
        return undefined
      }),
      '/account/login',
    )
    vi.useFakeTimers()
    try {
      await wrapper.findAll('.van-tab')[1].trigger('click')
      await wrapper.get('[data-testid="wechat-qr"]').trigger('click')
      await flushPromises()
      expect(document.querySelector('[data-testid="wechat-qr-popup"] img')?.getAttribute('src')).toContain('data:image/svg+xml')
      await vi.advanceTimersByTimeAsync(2000)
      await vi.advanceTimersByTimeAsync(2000)
      await flushPromises()
    } finally {
      vi.useRealTimers()
    }
    expect(polls).toBe(2)
    expect(calls.filter((c) => c.cmd === 'auth_wechat_qr_poll')[0].args).toEqual({ remember: true })
    await flushPromises()
    expect(router.currentRoute.value.name).toBe('lcs.home')
  })
})
