import type { App } from 'vue'
import { showFailToast } from 'vant'
import type { CommandError, ErrorCode } from './bindings'
import { i18n } from './i18n'

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: CommandError | string }

/** A command's typed error, thrown so callers can branch on `code`. */
export class CommandFailure extends Error {
  readonly code: ErrorCode | 'ipc'
  readonly trace?: string

  constructor(error: CommandError | string) {
    // Tauri itself (unknown command, bad argument, denied by a capability) rejects with a string.
    const typed = typeof error === 'string' ? { code: 'ipc' as const, message: error } : error
    super(typed.message)
    this.name = 'CommandFailure'
    this.code = typed.code
    this.trace = typeof error === 'string' ? undefined : (error.trace ?? undefined)
  }
}

/** Unwraps a command's result; a failure is shown to the user and thrown to the caller. */
export async function call<T>(pending: Promise<CommandResult<T>>): Promise<T> {
  const result = await pending
  if (result.status === 'ok') return result.data
  const failure = new CommandFailure(result.error)
  showError(failure)
  throw failure
}

/** Shows any error as a toast, with the backend's trace id when there is one. */
export function showError(error: unknown) {
  const t = i18n.global.t
  let message = error instanceof Error && error.message ? error.message : t('errors.unknown')
  if (error instanceof CommandFailure && error.trace) {
    message += `\n${t('errors.trace')}: ${error.trace}`
  }
  showFailToast({ message, wordBreak: 'break-word', duration: 4000 })
}

/**
 * Nothing is swallowed: an error no page handled still reaches the user. A CommandFailure was
 * already shown by `call`, so it is only logged.
 */
export function reportUnhandled(error: unknown) {
  console.error(error)
  if (!(error instanceof CommandFailure)) showError(error)
}

export function installErrorReporting(app: App) {
  app.config.errorHandler = reportUnhandled
  window.addEventListener('unhandledrejection', (event) => reportUnhandled(event.reason))
}
