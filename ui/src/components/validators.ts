/** The checks forms make before sending; Rust makes the same ones again. */

export const isEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@.]+(\.[^\s@.]+)*$/.test(value.trim())

/** A mainland number (+86) is 11 digits from 13 on; elsewhere 5 to 15 digits. */
export function isMobileFor(area: string, phone: string): boolean {
  const digits = phone.replace(/[\s-]/g, '')
  return area.replace(/^\+/, '') === '86' ? /^1[3-9]\d{9}$/.test(digits) : /^\d{5,15}$/.test(digits)
}

export const isCode = (value: string) => /^\d{6}$/.test(value.trim())

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A mainland identity card number: 17 digits with a real birth date, then its check character. */
export function isMainlandId(value: string, today = new Date()): boolean {
  const id = value.trim().toUpperCase()
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false
  const [year, month, day] = [id.slice(6, 10), id.slice(10, 12), id.slice(12, 14)].map(Number)
  const born = new Date(Date.UTC(year, month - 1, day))
  const real = born.getUTCFullYear() === year && born.getUTCMonth() === month - 1 && born.getUTCDate() === day
  if (!real || year < 1900 || born.getTime() > today.getTime()) return false
  const sum = ID_WEIGHTS.reduce((total, weight, i) => total + Number(id[i]) * weight, 0)
  return ID_CHECK[sum % 11] === id[17]
}

/** A legal name: 2 to 30 letters, with spaces or the dot of transcribed names. */
export const isRealName = (value: string) => /^[\p{L}][\p{L} ·•.-]{1,29}$/u.test(value.trim())
