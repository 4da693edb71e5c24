import { describe, expect, it } from 'vitest'
import { formatMoney } from './money'

describe('formatMoney', () => {
  it('groups thousands and shows an asset Intl does not know with its usual decimals, the code after', () => {
    expect(formatMoney('10000.0000', 'USDT', 'en-US')).toBe('10,000.00 USDT')
    expect(formatMoney('10000.0000', 'USDT', 'zh-CN')).toBe('10,000.00 USDT')
    expect(formatMoney('0.05384909', 'BTC', 'en-US')).toBe('0.05384909 BTC')
    expect(formatMoney('-1234.5', 'usdt', 'en-US')).toBe('-1,234.50 USDT')
  })

  it('uses the separators of the user’s locale', () => {
    expect(formatMoney('10000.0000', 'USDT', 'de-DE')).toBe('10.000,00 USDT')
  })

  it('shows a currency Intl knows as the locale shows it, with that currency’s decimals', () => {
    expect(formatMoney('2580.5000', 'USD', 'en-US')).toBe('$2,580.50')
    expect(formatMoney('2580.5000', 'USD', 'zh-CN')).toBe('US$2,580.50')
    expect(formatMoney('2580.5000', 'JPY', 'en-US')).toBe('¥2,581')
  })

  it('keeps the precision sent for an asset nobody here knows', () => {
    expect(formatMoney('1234567.125', 'DOGE', 'en-US')).toBe('1,234,567.125 DOGE')
    expect(formatMoney('1234567', null, 'en-US')).toBe('1,234,567')
  })

  it('shows a missing figure as a dash and text that is no number as sent', () => {
    expect(formatMoney(null, 'USDT', 'en-US')).toBe('—')
    expect(formatMoney(' ', 'USDT', 'en-US')).toBe('—')
    expect(formatMoney('n/a', 'USDT', 'en-US')).toBe('n/a USDT')
  })
})
