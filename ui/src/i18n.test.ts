import { describe, expect, it } from 'vitest'
import { systemLanguage } from './i18n'

describe('systemLanguage', () => {
  it('follows the first Chinese or English preference', () => {
    expect(systemLanguage(['en-GB', 'zh-CN'])).toBe('en-US')
    expect(systemLanguage(['zh-TW', 'en-US'])).toBe('zh-CN')
    expect(systemLanguage(['fr-FR', 'en-US'])).toBe('en-US')
  })

  it('falls back to Chinese, the backends’ first language', () => {
    expect(systemLanguage(['fr-FR'])).toBe('zh-CN')
    expect(systemLanguage([])).toBe('zh-CN')
  })
})
