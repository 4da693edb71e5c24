import { afterEach, describe, expect, it } from 'vitest'
import { clearMocks } from '@tauri-apps/api/mocks'
import { flushPromises } from '@vue/test-utils'
import { mountApp, SIGNED_OUT, unexpectedCommand } from '../testing'

afterEach(() => {
  clearMocks()
  document.body.innerHTML = ''
})

describe('privacy policy page', () => {
  it('shows the policy once it arrives', async () => {
    let answer: (text: string) => void = () => undefined
    const { wrapper } = await mountApp((cmd) => {
      if (cmd === 'auth_overview') return SIGNED_OUT
      if (cmd === 'settings_get') return { language: 'zh-CN' }
      if (cmd === 'auth_privacy_protocol') return new Promise((resolve) => (answer = resolve))
      return unexpectedCommand(cmd)
    }, '/protocol')
    expect(wrapper.find('[data-testid="protocol-loading"]').exists()).toBe(true)
    answer('第一条 我们如何收集信息')
    await flushPromises()
    expect(wrapper.get('[data-testid="protocol-text"]').text()).toBe('第一条 我们如何收集信息')
  })

  it('says why it could not be read and reads it again on request', async () => {
    let fail = true
    const { wrapper } = await mountApp((cmd) => {
      if (cmd === 'auth_overview') return SIGNED_OUT
      if (cmd === 'settings_get') return { language: 'zh-CN' }
      if (cmd === 'auth_privacy_protocol') {
        if (fail) throw { code: 'network', reason: { kind: 'backend', sentence: '网络不可用' }, message: 'the detail, in English (code 1001)', trace: null }
        return 'policy'
      }
      return unexpectedCommand(cmd)
    }, '/protocol')
    expect(wrapper.get('[data-testid="protocol-error"]').text()).toContain('网络不可用')
    fail = false
    await wrapper.get('[data-testid="protocol-retry"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="protocol-text"]').text()).toBe('policy')
  })
})
