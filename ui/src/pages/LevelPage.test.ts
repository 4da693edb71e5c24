import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { mountApp, type IpcHandler, SIGNED_OUT, unexpectedCommand } from '../testing'

const USER = { family: 'user_center', account: '10001', displayName: '13800000001', persisted: true, verified: true, mode: null }
const loaded = (data: unknown) => ({ data, source: 'cache', fetchedAt: 1, stale: false, offline: false })
const LEVELS = [
  { user_level_id: 3, user_level_name: '黄金会员', user_level_exp: 1000, user_level_rate: '0.90' },
  { user_level_id: 1, user_level_name: '普通会员', user_level_exp: 0 },
  { user_level_id: 2, user_level_name: '白银会员', user_level_exp: 200, user_level_rate: '0.95' },
]

function backend(overview: unknown, language = 'zh-CN', levels: unknown[] = LEVELS): IpcHandler {
  return (cmd) => {
    switch (cmd) {
      case 'auth_overview':
        return overview
      case 'settings_get':
        return { language }
      case 'profile_levels':
        return loaded(levels)
      case 'profile_exp_rules':
        return loaded({ exp_reg: '100', exp_login: '5' })
      case 'profile_user_info':
        return loaded({ user_exp: 320 })
      default:
        return unexpectedCommand(cmd)
    }
  }
}

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('User level', () => {
  it('lists the levels in order and says how far the next one is', async () => {
    const { wrapper } = await mountApp(backend({ ...SIGNED_OUT, sessions: [USER] }), '/account/level')
    const names = wrapper.findAll('[data-testid^="level-"]').map((cell) => cell.attributes('data-testid'))
    expect(names).toEqual(['level-mine', 'level-1', 'level-2', 'level-3', 'level-rules'])
    expect(wrapper.get('[data-testid="level-mine"]').text()).toContain('再获得 680 经验升级到黄金会员')
    expect(wrapper.get('[data-testid="level-rules"]').text()).toContain('每日登录')
  })

  it('shows the levels to a guest too, without a place among them', async () => {
    const { wrapper, calls } = await mountApp(backend(SIGNED_OUT), '/account/level')
    expect(wrapper.find('[data-testid="level-mine"]').exists()).toBe(false)
    expect(wrapper.text()).toContain('黄金会员')
    expect(calls.map((c) => c.cmd)).not.toContain('profile_user_info')
  })

  it('says on an English screen that the member service names its levels in Chinese only, when it does', async () => {
    const english = await mountApp(backend(SIGNED_OUT, 'en-US'), '/account/level')
    expect(english.wrapper.get('[data-testid="level-names-language"]').text()).toBe(
      'Level names are shown as the member service gives them: it answers in Chinese only.',
    )
    english.wrapper.unmount()

    const chinese = await mountApp(backend(SIGNED_OUT, 'zh-CN'), '/account/level')
    expect(chinese.wrapper.find('[data-testid="level-names-language"]').exists()).toBe(false)
    chinese.wrapper.unmount()

    const named = LEVELS.map((level, i) => ({ ...level, user_level_name: ['Gold', 'Basic', 'Silver'][i] }))
    const translated = await mountApp(backend(SIGNED_OUT, 'en-US', named), '/account/level')
    expect(translated.wrapper.find('[data-testid="level-names-language"]').exists()).toBe(false)
  })
})
