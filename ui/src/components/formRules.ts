import type { FieldRule } from 'vant'
import { useI18n } from 'vue-i18n'

/**
 * What the account forms check before anything is sent. The password rules are lcs-core's
 * `check_new_password` (the seeds give none): the UI shows them so the server never has to.
 */
export const PASSWORD_LENGTH = { min: 8, max: 32 } as const

/** The area code as the code sender and the backends take it: `+` and 1 to 4 digits. */
export function normalArea(area: string): string {
  const digits = area.trim().replace(/^\+/, '')
  return `+${digits}`
}

export function isArea(area: string): boolean {
  return /^\+?\d{1,4}$/.test(area.trim())
}

/** Mainland numbers are 11 digits starting with 1; elsewhere 5 to 15 digits (ITU E.164). */
export function isPhone(area: string, phone: string): boolean {
  const number = phone.trim()
  return normalArea(area) === '+86' ? /^1\d{10}$/.test(number) : /^\d{5,15}$/.test(number)
}

export function isEmail(value: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim())
}

export function isCode(value: string): boolean {
  return /^\d{6}$/.test(value.trim())
}

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

/** Each password rule and whether `password` meets it, in the order they are shown. */
export function passwordChecks(password: string) {
  const length = [...password].length
  return {
    length: length >= PASSWORD_LENGTH.min && length <= PASSWORD_LENGTH.max,
    mix: /\p{L}/u.test(password) && /\d/.test(password),
  }
}

/** Vant field rules with the app's messages, read when shown so a language switch applies. */
export function useFormRules() {
  const { t } = useI18n()
  const rule = (validator: (value: string) => boolean, key: string | (() => string)): FieldRule => ({
    validator: (value: string) => validator(value ?? ''),
    message: () => t(typeof key === 'string' ? key : key(), PASSWORD_LENGTH),
  })
  /** "Enter your …", the field named in the middle of the sentence. */
  const prompt = (field: string) => t('forms.required', { field: field.toLocaleLowerCase() })
  const required = (field: string): FieldRule => ({ required: true, message: () => prompt(field) })
  return {
    prompt,
    required: (field: string) => [required(field)],
    area: (field: string) => [required(field), rule(isArea, 'forms.errors.area')],
    /** The number against the area code the user has typed, read at validation time. */
    phone: (field: string, area: () => string) => [
      required(field),
      rule(
        (value) => isPhone(area(), value),
        () => (normalArea(area()) === '+86' ? 'forms.errors.phoneMainland' : 'forms.errors.phone'),
      ),
    ],
    email: (field: string) => [required(field), rule(isEmail, 'forms.errors.email')],
    /** A user-centre account: a mainland mobile number or an e-mail address. */
    account: (field: string) => [
      required(field),
      rule((value) => isEmail(value) || isPhone('+86', value), 'forms.errors.account'),
    ],
    code: (field: string) => [required(field), rule(isCode, 'forms.errors.code')],
    password: (field: string) => [
      required(field),
      rule((value) => passwordChecks(value).length, 'forms.errors.passwordLength'),
      rule((value) => passwordChecks(value).mix, 'forms.errors.passwordMix'),
    ],
    confirm: (password: () => string) => [
      { required: true, message: () => t('forms.placeholders.confirmPassword') },
      rule((value) => value === password(), 'forms.errors.confirm'),
    ],
  }
}
