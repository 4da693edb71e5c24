import type { EnvironmentFileError, ErrorReason, InputProblem, LinkError, RouteError } from './bindings'
import { i18n } from './i18n'

/**
 * Rust's wire names of the fields a screen labels, and the label's message. A field with no
 * label here is named only in the details.
 */
const FIELD_LABELS: Partial<Record<string, string>> = {
  name: 'environments.fields.name',
  customerBase: 'environments.fields.customerBase',
  userCenterBase: 'environments.fields.userCenterBase',
  plannerBase: 'environments.fields.plannerBase',
  companyId: 'environments.fields.companyId',
  apiVersion: 'environments.fields.apiVersion',
  platid: 'environments.fields.platid',
  vercode: 'environments.fields.vercode',
  channel: 'environments.fields.channel',
  plannerRefreshPath: 'environments.fields.plannerRefreshPath',
  codeSender: 'environments.fields.codeSender',
  'codeSender.path': 'environments.fields.codeSenderPath',
  'codeSender.body': 'environments.fields.codeSenderBody',
  plannerClientId: 'environments.fields.plannerClientId',
  nickname: 'profileEdit.fields.nickname',
  email: 'profileEdit.fields.email',
  birthday: 'profileEdit.fields.birthday',
  realName: 'certify.fields.realName',
  idNumber: 'certify.fields.idNumber',
  phoneArea: 'forms.fields.phoneArea',
  phone: 'forms.fields.phone',
  username: 'forms.fields.username',
  code: 'forms.fields.code',
  password: 'forms.fields.password',
  newPassword: 'forms.fields.newPassword',
  messageContent: 'message.inputLabel',
}

function fieldLabel(field: string, index?: number, part?: string): string {
  const t = i18n.global.t
  if (field === 'h5Origins' && part === 'origin' && index !== undefined) return t('environments.fields.h5Origin', { n: index + 1 })
  // Environment ids are the only `id` a user types; other `id`s are rows the user never sees.
  if (field === 'id') return t('environments.fields.id')
  const key = FIELD_LABELS[field]
  return key ? t(key) : t('errors.thisField')
}

function wordProblem(problem: InputProblem, field: string): string {
  return i18n.global.t(`errors.problems.${problem.kind}`, { ...problem, field })
}

/** A page's title when the app has one, else its name as given. */
function pageTitle(route: string): string {
  const key = `pages.${route}`
  return i18n.global.te(key) ? i18n.global.t(key) : route
}

export function wordRoute(problem: RouteError): string {
  const t = i18n.global.t
  switch (problem.kind) {
    case 'unknownRoute':
    case 'missingName':
    case 'badRequest':
      return t(`errors.routes.${problem.kind}`, { ...problem })
    case 'forbidden':
      return problem.route === 'lcs.web' ? t('errors.webForbidden') : t('errors.routes.forbidden', { page: pageTitle(problem.route) })
    case 'unknownParam':
    case 'missingParam':
    case 'badParam':
      return t(`errors.routes.${problem.kind}`, { param: problem.param, page: pageTitle(problem.route) })
  }
}

export function wordLink(problem: LinkError): string {
  if (problem.kind === 'route') return wordRoute(problem.error)
  return i18n.global.t(`errors.links.${problem.kind}`, { ...problem })
}

function wordFile(problem: EnvironmentFileError): string {
  const t = i18n.global.t
  if (problem.kind !== 'environment') return t(`errors.file.${problem.kind}`, { ...problem })
  const label = [problem.id && `“${problem.id}”`, problem.name.trim() && `(${problem.name.trim()})`].filter(Boolean).join(' ')
  const field = problem.field === null ? t('errors.thisField') : fileFieldLabel(problem.field)
  return t('errors.file.environment', { position: problem.position, label, problem: wordProblem(problem.problem, field) })
}

/** A field as an environments file names it: `customerBase`, `h5Origins[1].origin`. */
function fileFieldLabel(path: string): string {
  const entry = /^(\w+)\[(\d+)\]\.(\w+)$/.exec(path)
  return entry ? fieldLabel(entry[1], Number(entry[2]), entry[3]) : fieldLabel(path)
}

/**
 * The sentence for `reason` in the UI's language. Every reason Rust can send has one: a new
 * variant in bindings.ts fails the type check here until it is worded.
 */
export function wordReason(reason: ErrorReason): string {
  const t = i18n.global.t
  switch (reason.kind) {
    case 'backend':
      return reason.sentence
    case 'invalidInput':
      return wordProblem(reason.problem, fieldLabel(reason.field))
    case 'invalidEntry':
      return wordProblem(reason.problem, fieldLabel(reason.field, reason.index, reason.part))
    case 'environmentFile':
      return wordFile(reason.problem)
    case 'route':
      return wordRoute(reason.problem)
    case 'link':
      return wordLink(reason.problem)
    case 'signInRequired':
      return t('errors.reasons.signInRequired', { family: t(`errors.families.${reason.family}`) })
    case 'saveFailed':
    case 'invalidParameter':
    case 'keychainFailed':
    case 'keychainEntryTooLarge':
    case 'keychainEntryUnreadable':
    case 'cacheFailed':
    case 'logFolderUnopenable':
      return t(`errors.reasons.${reason.kind}`, { ...reason })
  }
}

/** Where Rust's error names a field of a form: its wire name (`h5Origins[1].origin`). */
export function fieldOf(reason: ErrorReason): string | null {
  switch (reason.kind) {
    case 'invalidInput':
      return reason.field
    case 'invalidEntry':
      return `${reason.field}[${reason.index}].${reason.part}`
    default:
      return null
  }
}
