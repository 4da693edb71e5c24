// The LCS Account JsBridge for H5 pages: a typed client over the bridge the app injects.

import type { Code, MethodName, RouteName, RouteParams } from './registry'

export { CODES, METHODS, ROUTES } from './registry'
export type { Code, MethodInfo, MethodName, RouteInfo, RouteName, RouteParams } from './registry'

/** Not an answer of the app: no bridge appeared in time (the page is not in the app). */
export declare const NOT_IN_APP: -1
/** Not an answer of the app: the bridge answered with something other than `{code, msg, data}`. */
export declare const BAD_ANSWER: -2

/** A call the app answered with a code other than 0, or no bridge at all. */
export declare class BridgeError extends Error {
  readonly name: 'BridgeError'
  readonly code: Code | typeof NOT_IN_APP | typeof BAD_ANSWER
  /** The method called, when there was a call. */
  readonly method?: MethodName
}

export interface AppInfo {
  version: string
  /** `windows`, `macos`, `linux`, `android` or `ios`. */
  platform: string
  /** The app's language, `zh-CN` or `en-US`. */
  language: string
}

export interface NetType {
  type: 'wifi' | 'cellular' | 'ethernet' | 'none' | 'unknown'
}

/** The public profile only: never a token, phone number or e-mail address. */
export interface UserInfo {
  userId: string
  nickname: string
  avatar: string | null
}

export interface Bridge {
  /** Which API the page's bridge speaks. */
  readonly protocol: 'LcsBridge' | 'dsBridge' | 'WebViewJavascriptBridge'
  /** Calls `method`; resolves with the answer's `data`, rejects with a BridgeError for any other code. */
  call(method: MethodName, data?: unknown): Promise<unknown>
  /** Opens a native page; resolves once the user leaves it. */
  openPage<R extends RouteName>(route: R, params?: RouteParams[R]): Promise<{ loggedIn: boolean }>
  closePage(): Promise<null>
  /** At most 200 characters. */
  toast(message: string): Promise<null>
  showLoading(message?: string): Promise<null>
  hideLoading(): Promise<null>
  getNetType(): Promise<NetType>
  getAppInfo(): Promise<AppInfo>
  /** Trusted origins only; code 1007 when nobody is signed in. */
  getUserInfo(): Promise<UserInfo>
  /** The app's back button asks the page first: return true to stay on the page. */
  onNativeBack(handler: () => boolean | Promise<boolean>): void
}

/**
 * Waits for the page's bridge, at most `timeoutMs` (3000 by default); rejects with a
 * BridgeError whose code is NOT_IN_APP when none appears (a page opened in a browser).
 */
export declare function connect(options?: { timeoutMs?: number }): Promise<Bridge>
