/** Moments as the user reads them, in their locale and on their clock. */

const DAY_MS = 24 * 60 * 60 * 1000

function shown(ms: number | null): ms is number {
  return ms !== null && Number.isFinite(ms) && ms > 0
}

/** The time of day alone, without a leading zero on the hour (9:05, 9:05 AM). */
export function formatTimeOfDay(ms: number | null, locale: string): string {
  if (!shown(ms)) return ''
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(ms)
}

/** The time alone today, the date too otherwise, and the year only when it is not this one. */
export function formatTime(ms: number | null, locale: string, now = new Date()): string {
  if (!shown(ms)) return ''
  if (daysAgo(ms, now) === 0) return formatTimeOfDay(ms, locale)
  const options: Intl.DateTimeFormatOptions = { month: 'numeric', day: 'numeric', hour: 'numeric', minute: '2-digit' }
  if (new Date(ms).getFullYear() !== now.getFullYear()) options.year = 'numeric'
  return new Intl.DateTimeFormat(locale, options).format(ms)
}

/** A day with its weekday, and the year only when it is not this one (Mon, May 18). */
export function formatDay(ms: number, locale: string, now = new Date()): string {
  const options: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' }
  if (new Date(ms).getFullYear() !== now.getFullYear()) options.year = 'numeric'
  return new Intl.DateTimeFormat(locale, options).format(ms)
}

/** Calendar days from the day of `ms` to today on the local clock: 0 today, 1 yesterday. */
export function daysAgo(ms: number, now = new Date()): number {
  const midnight = (at: Date) => new Date(at.getFullYear(), at.getMonth(), at.getDate()).getTime()
  // Rounded: a day that a clock change made 23 or 25 hours long is still one day.
  return Math.round((midnight(now) - midnight(new Date(ms))) / DAY_MS)
}
