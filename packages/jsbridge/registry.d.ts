// Generated from lcs-core's bridge registry by `make bindings`; do not edit.

export type MethodName = 'openPage' | 'closePage' | 'toast' | 'showLoading' | 'hideLoading' | 'getNetType' | 'getAppInfo' | 'getUserInfo'

export interface MethodInfo {
  readonly takes: 'nothing' | 'message' | 'optionalMessage' | 'page'
  readonly trustedOnly: boolean
  readonly synchronous: boolean
}

export declare const METHODS: { readonly [M in MethodName]: MethodInfo }

export declare const CODES: {
  /** ok */
  readonly OK: 0
  /** unknown method */
  readonly UNKNOWN_METHOD: 1001
  /** unknown route */
  readonly UNKNOWN_ROUTE: 1002
  /** forbidden for this origin */
  readonly FORBIDDEN: 1003
  /** bad parameters */
  readonly BAD_PARAMS: 1004
  /** payload too large */
  readonly PAYLOAD_TOO_LARGE: 1005
  /** cancelled */
  readonly CANCELLED: 1006
  /** login required */
  readonly LOGIN_REQUIRED: 1007
  /** timeout */
  readonly TIMEOUT: 1008
  /** this method answers through a callback only */
  readonly SYNC_UNSUPPORTED: 1009
  /** too many requests */
  readonly TOO_MANY_REQUESTS: 1010
}

export type Code = (typeof CODES)[keyof typeof CODES]

export type RouteName = 'lcs.home' | 'lcs.account.login' | 'lcs.account.register' | 'lcs.account.forgetpwd' | 'lcs.account.setpwd' | 'lcs.account.password' | 'lcs.account.personinfo' | 'lcs.account.edit' | 'lcs.account.certify' | 'lcs.account.mobile' | 'lcs.account.level' | 'lcs.account.switch' | 'lcs.address.list' | 'lcs.address.edit' | 'lcs.invoice.list' | 'lcs.invoice.edit' | 'lcs.message.list' | 'lcs.message.chat' | 'lcs.settings' | 'lcs.protocol' | 'lcs.web'

/** Each route's parameters, as `openPage` takes them. */
export interface RouteParams {
  'lcs.home': Record<string, never>
  'lcs.account.login': { family?: 'customer' | 'user_center' | 'planner' }
  'lcs.account.register': { family?: 'customer' | 'user_center' | 'planner' }
  'lcs.account.forgetpwd': { family?: 'customer' | 'user_center' | 'planner' }
  'lcs.account.setpwd': Record<string, never>
  'lcs.account.password': Record<string, never>
  'lcs.account.personinfo': Record<string, never>
  'lcs.account.edit': Record<string, never>
  'lcs.account.certify': Record<string, never>
  'lcs.account.mobile': Record<string, never>
  'lcs.account.level': Record<string, never>
  'lcs.account.switch': Record<string, never>
  'lcs.address.list': Record<string, never>
  'lcs.address.edit': { id?: string | number }
  'lcs.invoice.list': Record<string, never>
  'lcs.invoice.edit': { id?: string | number }
  'lcs.message.list': { tab?: 'notice' | 'message' }
  'lcs.message.chat': { userId: string | number }
  'lcs.settings': Record<string, never>
  'lcs.protocol': Record<string, never>
  'lcs.web': { url: string }
}

export interface RouteInfo {
  readonly needsLogin: boolean
  readonly partnerMayOpen: boolean
  readonly params: { readonly [name: string]: { readonly kind: 'text' | 'integer' | 'enum' | 'url'; readonly required: boolean } }
}

export declare const ROUTES: { readonly [R in RouteName]: RouteInfo }
