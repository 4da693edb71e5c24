import { afterEach, describe, expect, it, vi } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { closeToast } from 'vant'
import { APP_INFO, arrivedAt, mountApp, type IpcHandler, SIGNED_OUT, submitForm, unexpectedCommand } from './testing'

const PLANNER = { family: 'planner', account: '1', displayName: 'demo', persisted: true, verified: true, mode: null }

function backend(extra: IpcHandler = () => undefined): IpcHandler {
  return (cmd, args) => {
    const answer = extra(cmd, args)
    if (answer !== undefined) return answer
    switch (cmd) {
      case 'auth_overview':
        return SIGNED_OUT
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'settings_set_language':
        return { language: args.language }
      case 'app_info':
        return APP_INFO
      case 'environment_list':
        return { current: 'sandbox', environments: [] }
      case 'environment_demo_accounts':
        return []
      default:
        return unexpectedCommand(cmd)
    }
  }
}

/** The toast the user sees, if one is on screen and not fading out. */
function shownToast(): HTMLElement | null {
  const toast = document.querySelector<HTMLElement>('.van-toast')
  const closing = toast?.classList.contains('van-fade-leave-active')
  return toast && toast.style.display !== 'none' && !closing ? toast : null
}

async function signInAsPlanner(wrapper: VueWrapper) {
  await wrapper.findAll('[data-testid="login-families"] .van-tab')[2].trigger('click')
  await wrapper.get('[data-testid="planner-username"] input').setValue('demo')
  await wrapper.get('[data-testid="planner-password"] input').setValue('demo1234')
  await submitForm(wrapper)
}

afterEach(() => {
  closeToast(true)
  clearMocks()
  document.body.innerHTML = ''
})

describe('Toasts', () => {
  it('sit near the top, clear of the main button in the middle of a form, errors too, and leave with their page', async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => {
        if (cmd === 'auth_planner_login') {
          throw { code: 'business', reason: { kind: 'backend', sentence: '密码错误' }, message: 'wrong password (planner code 400)', trace: null }
        }
        return undefined
      }),
      '/account/login',
    )
    await signInAsPlanner(wrapper)
    await vi.waitFor(() => expect(shownToast()?.textContent).toContain('密码错误'))
    expect(shownToast()?.classList).toContain('van-toast--top')

    await router.push({ name: 'lcs.home' })
    await arrivedAt(router, 'lcs.home')
    await vi.waitFor(() => expect(shownToast()).toBeNull())
  })

  it('close when the user leaves the page they were said on', async () => {
    const { wrapper, router } = await mountApp(backend(), '/settings')
    await wrapper.get('[data-testid="language-en-US"]').trigger('click')
    await flushPromises()
    expect(shownToast()?.textContent).toContain('Language changed')
    await wrapper.findAll('[data-testid="tabbar"] .van-tabbar-item')[0].trigger('click')
    await arrivedAt(router, 'lcs.home')
    await vi.waitFor(() => expect(shownToast()).toBeNull())
  })

  it('say "signed in" on the page the sign-in leads to, not on the form left behind', async () => {
    const { wrapper, router } = await mountApp(
      backend((cmd) => (cmd === 'auth_planner_login' ? PLANNER : undefined)),
      '/account/login',
    )
    await signInAsPlanner(wrapper)
    await arrivedAt(router, 'lcs.home')
    await vi.waitFor(() => expect(shownToast()?.textContent).toContain('登录成功'))
  })
})
