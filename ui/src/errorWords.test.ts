import { afterEach, describe, expect, it } from 'vitest'
import type { EnvironmentFileError, ErrorReason, InputProblem, LinkError, RouteError } from './bindings'
import { wordReason } from './errorWords'
import { applyLanguage, i18n, LANGUAGES } from './i18n'
import { englishRuns } from '../../tests/e2e/english.mjs'

// One example of every kind Rust sends: the mapped types make vue-tsc fail until a new kind
// has one here too, and the test below fails until it is worded in every locale.
type Examples<T extends { kind: string }> = { [K in T['kind']]: Extract<T, { kind: K }> }

const PROBLEMS: Examples<InputProblem> = {
  required: { kind: 'required' },
  emptyOverride: { kind: 'emptyOverride' },
  tooLong: { kind: 'tooLong', max: 32 },
  lengthOutside: { kind: 'lengthOutside', min: 8, max: 32 },
  controlCharacters: { kind: 'controlCharacters' },
  lettersAndDigits: { kind: 'lettersAndDigits' },
  lettersOnly: { kind: 'lettersOnly' },
  digits: { kind: 'digits', count: 6 },
  notEmail: { kind: 'notEmail' },
  notDate: { kind: 'notDate' },
  dateOutOfRange: { kind: 'dateOutOfRange' },
  idNumberShape: { kind: 'idNumberShape' },
  idNumberInvalid: { kind: 'idNumberInvalid' },
  idNumberChecksum: { kind: 'idNumberChecksum' },
  areaCode: { kind: 'areaCode' },
  phoneNumber: { kind: 'phoneNumber' },
  notMobileForArea: { kind: 'notMobileForArea' },
  alreadyYourNumber: { kind: 'alreadyYourNumber' },
  phoneOrEmail: { kind: 'phoneOrEmail' },
  usernameOrPhone: { kind: 'usernameOrPhone' },
  usernamePhoneOrEmail: { kind: 'usernamePhoneOrEmail' },
  passwordOrCode: { kind: 'passwordOrCode' },
  noCodeSender: { kind: 'noCodeSender' },
  sendCodeFirst: { kind: 'sendCodeFirst' },
  verifyPhoneFirst: { kind: 'verifyPhoneFirst' },
  noPlannerClient: { kind: 'noPlannerClient' },
  environmentIdShape: { kind: 'environmentIdShape' },
  notUrl: { kind: 'notUrl', text: 'prewppc-3.cmfbl.com', detail: 'relative URL without a base' },
  noHost: { kind: 'noHost', text: 'http://' },
  httpsRequired: { kind: 'httpsRequired', text: 'http://api.example.com' },
  credentials: { kind: 'credentials' },
  notOrigin: { kind: 'notOrigin', text: 'https://h5.example/path', detail: 'an origin has no path' },
  pathNotAbsolute: { kind: 'pathNotAbsolute' },
  pathLeavesBase: { kind: 'pathLeavesBase', path: '/a/../b', detail: "must not contain '..'" },
  notJson: { kind: 'notJson', detail: 'expected value at line 1 column 1' },
  notJsonObject: { kind: 'notJsonObject' },
  sandboxDown: { kind: 'sandboxDown', detail: 'cannot listen on 127.0.0.1: no ports' },
  noSuchEnvironment: { kind: 'noSuchEnvironment', id: 'ghost' },
  taken: { kind: 'taken', id: 'staging' },
  builtIn: { kind: 'builtIn', id: 'sandbox' },
  comesWithApp: { kind: 'comesWithApp', id: 'production' },
  nothingToExport: { kind: 'nothingToExport' },
  duplicate: { kind: 'duplicate', id: 'qa' },
  notAnEnvironment: { kind: 'notAnEnvironment' },
  missingFromAnswer: { kind: 'missingFromAnswer' },
  systemRecipient: { kind: 'systemRecipient' },
  noRefusedMessage: { kind: 'noRefusedMessage' },
  notOnServer: { kind: 'notOnServer' },
  unknownCall: { kind: 'unknownCall', name: 'customer.nothing' },
  notAChoice: { kind: 'notAChoice', detail: '1 (normal) or 2 (special VAT)' },
  noHomeFolder: { kind: 'noHomeFolder', which: 'data' },
  unusable: { kind: 'unusable', detail: 'the answer is not a session: missing field `token`' },
}

const ROUTES: Examples<RouteError> = {
  unknownRoute: { kind: 'unknownRoute', name: 'lcs.account.nonsense' },
  missingName: { kind: 'missingName' },
  unknownParam: { kind: 'unknownParam', route: 'lcs.address.edit', param: 'colour' },
  missingParam: { kind: 'missingParam', route: 'lcs.message.chat', param: 'userId' },
  badParam: { kind: 'badParam', route: 'lcs.address.edit', param: 'id', reason: 'must be an integer, not text' },
  badRequest: { kind: 'badRequest', reason: 'pageExtra must be an object, not a list' },
  forbidden: { kind: 'forbidden', route: 'lcs.account.personinfo' },
}

const LINKS: Examples<LinkError> = {
  notLcs: { kind: 'notLcs' },
  tooLong: { kind: 'tooLong', limit: 8192 },
  noPage: { kind: 'noPage' },
  repeated: { kind: 'repeated', param: 'id' },
  route: { kind: 'route', error: ROUTES.unknownRoute },
}

const FILES: Examples<EnvironmentFileError> = {
  notJson: { kind: 'notJson', detail: 'expected value at line 1 column 1' },
  wrongFormat: { kind: 'wrongFormat', found: 'something-else' },
  badVersion: { kind: 'badVersion', found: 'two' },
  newerVersion: { kind: 'newerVersion', version: 3, supported: 1 },
  noEnvironments: { kind: 'noEnvironments' },
  wouldReplace: { kind: 'wouldReplace', changes: '"staging" (customerBase)' },
  environment: { kind: 'environment', position: 2, id: 'broken', name: 'Broken', field: 'h5Origins[0].origin', problem: PROBLEMS.notOrigin },
}

const REASONS: Examples<ErrorReason> = {
  backend: { kind: 'backend', sentence: '网络连接失败，请检查网络后重试' },
  saveFailed: { kind: 'saveFailed' },
  invalidInput: { kind: 'invalidInput', field: 'companyId', problem: PROBLEMS.required },
  invalidEntry: { kind: 'invalidEntry', field: 'h5Origins', index: 1, part: 'origin', problem: PROBLEMS.notOrigin },
  invalidParameter: { kind: 'invalidParameter', call: 'customer.login', parameter: 'loginName' },
  keychainFailed: { kind: 'keychainFailed' },
  keychainEntryTooLarge: { kind: 'keychainEntryTooLarge', bytes: 3000, limit: 2560 },
  keychainEntryUnreadable: { kind: 'keychainEntryUnreadable' },
  signInRequired: { kind: 'signInRequired', family: 'planner' },
  cacheFailed: { kind: 'cacheFailed' },
  environmentFile: { kind: 'environmentFile', problem: FILES.environment },
  logFolderUnopenable: { kind: 'logFolderUnopenable', path: '/home/u/.local/share/com.lcs.account/logs' },
  route: { kind: 'route', problem: ROUTES.forbidden },
  link: { kind: 'link', problem: LINKS.route },
}

/** Every example as the reason Rust would send it, each problem on a field and in a file. */
const EVERY_REASON: [string, ErrorReason][] = [
  ...Object.entries(REASONS),
  ...Object.values(PROBLEMS).flatMap((problem): [string, ErrorReason][] => [
    [`invalidInput/${problem.kind}`, { kind: 'invalidInput', field: 'nickname', problem }],
    [`invalidEntry/${problem.kind}`, { kind: 'invalidEntry', field: 'h5Origins', index: 0, part: 'origin', problem }],
  ]),
  ...Object.values(ROUTES).map((problem): [string, ErrorReason] => [`route/${problem.kind}`, { kind: 'route', problem }]),
  ...Object.values(LINKS).map((problem): [string, ErrorReason] => [`link/${problem.kind}`, { kind: 'link', problem }]),
  ...Object.values(FILES).map((problem): [string, ErrorReason] => [`environmentFile/${problem.kind}`, { kind: 'environmentFile', problem }]),
]

afterEach(() => applyLanguage('zh-CN'))

describe('wordReason', () => {
  it.each(LANGUAGES)('words every reason in %s, with its values and no placeholder left', (language) => {
    applyLanguage(language)
    for (const [name, reason] of EVERY_REASON) {
      const sentence = wordReason(reason)
      expect(sentence, name).not.toBe('')
      expect(sentence, name).not.toMatch(/errors\.|\{\w+\}/)
    }
    // The missing-text handler of test-setup fails this test for any key a locale lacks.
  })

  it('words no reason in Chinese with an English sentence', () => {
    for (const [name, reason] of EVERY_REASON) {
      expect(englishRuns(wordReason(reason)), name).toEqual([])
    }
  })

  it('fills in the values the reason carries', () => {
    expect(wordReason(REASONS.invalidInput)).toBe('请填写公司编号 companyId')
    expect(wordReason(REASONS.invalidEntry)).toContain('来源 2')
    expect(wordReason(REASONS.link)).toBe('没有名为“lcs.account.nonsense”的页面')
    expect(wordReason(REASONS.route)).toBe('不能从这里打开“个人信息”')
    expect(wordReason({ kind: 'route', problem: { kind: 'forbidden', route: 'lcs.web' } })).toBe('该网址不在当前环境允许的 H5 来源中')
    expect(wordReason(REASONS.keychainEntryTooLarge)).toContain('3000')
    applyLanguage('en-US')
    expect(wordReason(REASONS.invalidInput)).toBe('companyId is required')
    expect(wordReason(REASONS.signInRequired)).toBe('Sign in to your financial planner account first')
  })

  it('names a field without a label on screen only in the details', () => {
    expect(wordReason({ kind: 'invalidInput', field: 'udTagName', problem: PROBLEMS.notAChoice })).toBe('此项不是可选的值')
    expect(i18n.global.te('errors.problems.notAChoice')).toBe(true)
  })
})
