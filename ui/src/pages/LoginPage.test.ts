import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { APP_INFO, mountApp, type IpcHandler } from '../testing'

const DEMO = {
  phoneArea: '+86',
  phone: '13800000001',
  email: 'demo@lcs.test',
  plannerUsername: 'demo',
  password: 'demo1234',
  purposeZh: '完整演示',
  purposeEn: 'the full demo',
}

function backend(demoAccounts: unknown[]): IpcHandler {
  return (cmd) => {
    switch (cmd) {
      case 'settings_get':
        return { language: 'zh-CN' }
      case 'app_info':
        return APP_INFO
      case 'environment_demo_accounts':
        return demoAccounts
      default:
        throw new Error(`unexpected command ${cmd}`)
    }
  }
}

afterEach(() => {
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

  it('suggests no account for any other environment', async () => {
    const { wrapper } = await mountApp(backend([]), '/account/login')
    expect(wrapper.find('[data-testid="demo-accounts"]').exists()).toBe(false)
  })
})
