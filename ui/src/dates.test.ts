import { describe, expect, it } from 'vitest'
import { daysAgo, formatDay, formatTime, formatTimeOfDay } from './dates'

/** 14:30 on Wednesday 20 May 2026, local time. */
const NOW = new Date(2026, 4, 20, 14, 30)

describe('dates', () => {
  it('gives the time of day without a leading zero on the hour', () => {
    const morning = new Date(2026, 4, 20, 9, 5).getTime()
    expect(formatTimeOfDay(morning, 'zh-CN')).toBe('9:05')
    expect(formatTimeOfDay(morning, 'en-US')).toBe('9:05 AM')
    expect(formatTime(morning, 'zh-CN', NOW)).toBe('9:05')
    expect(formatTime(new Date(2026, 4, 18, 9, 5).getTime(), 'zh-CN', NOW)).toBe('5/18 9:05')
    expect(formatTime(null, 'zh-CN', NOW)).toBe('')
  })

  it('counts calendar days, not 24-hour spans', () => {
    expect(daysAgo(new Date(2026, 4, 20, 0, 1).getTime(), NOW)).toBe(0)
    expect(daysAgo(new Date(2026, 4, 19, 23, 59).getTime(), NOW)).toBe(1)
    expect(daysAgo(new Date(2026, 4, 18, 14, 31).getTime(), NOW)).toBe(2)
  })

  it('names a day with its weekday, and its year only when it is not this one', () => {
    expect(formatDay(new Date(2026, 4, 18, 9, 5).getTime(), 'en-US', NOW)).toBe('Mon, May 18')
    expect(formatDay(new Date(2026, 4, 18, 9, 5).getTime(), 'zh-CN', NOW)).toBe('5月18日周一')
    expect(formatDay(new Date(2025, 11, 31, 9, 5).getTime(), 'en-US', NOW)).toBe('Wed, Dec 31, 2025')
  })
})
