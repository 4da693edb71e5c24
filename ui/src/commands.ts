import { createApp, nextTick, reactive, type App } from 'vue'
import { closeToast, showDialog } from 'vant'
import type { CommandError, ErrorCode, ErrorReason } from './bindings'
import ErrorToast, { type ErrorToastState } from './components/ErrorToast.vue'
import { wordReason } from './errorWords'
import { i18n } from './i18n'

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: CommandError | string }

/**
 * A command's typed error, thrown so callers can branch on `code`. Its `message` is the
 * sentence for the user, in the UI's language; `detail` is Rust's technical message.
 */
export class CommandFailure extends Error {
  readonly code: ErrorCode | 'ipc'
  /** Absent for Tauri's own rejections (unknown command, bad argument, denied by a capability), which are plain strings. */
  readonly reason?: ErrorReason
  readonly detail: string
  readonly trace?: string

  constructor(error: CommandError | string) {
    super(typeof error === 'string' ? i18n.global.t('errors.unknown') : wordReason(error.reason))
    this.name = 'CommandFailure'
    if (typeof error === 'string') {
      this.code = 'ipc'
      this.detail = error
    } else {
      this.code = error.code
      this.reason = error.reason
      this.detail = error.message
      this.trace = error.trace ?? undefined
    }
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

/** The technical detail of an error and the backend's trace id, for support. */
export function showErrorDetails(detail: string, trace?: string | null) {
  const t = i18n.global.t
  showDialog({
    title: t('errors.detailsTitle'),
    message: trace ? `${detail}\n${t('errors.trace')}: ${trace}` : detail,
    messageAlign: 'left',
    confirmButtonText: t('errors.close'),
    className: 'error-details-dialog',
    teleport: 'body',
  })
}

const toast = reactive<ErrorToastState>({ show: false, sentence: '', detail: null, trace: null })
let toastHost: HTMLElement | null = null

/**
 * Shows any error as a toast: the sentence in the user's language, and the technical detail
 * with the backend's trace id behind a "Details" link.
 */
export function showError(error: unknown) {
  // Only a command's failure is worded; any other error's message is a developer's, in English.
  const failure = error instanceof CommandFailure ? error : null
  toast.sentence = failure?.message || i18n.global.t('errors.unknown')
  toast.detail = failure?.detail || (error instanceof Error ? error.message : String(error)) || null
  toast.trace = failure?.trace ?? null
  closeToast(true)
  // Mounted once, on first use; again if the page was cleared (as tests do between cases).
  if (!toastHost?.isConnected) {
    toastHost = document.body.appendChild(document.createElement('div'))
    createApp(ErrorToast, { state: toast }).use(i18n).mount(toastHost)
  }
  // Vant starts a toast's timer when it turns shown, so an error toast on screen is shown anew.
  toast.show = false
  void nextTick(() => {
    toast.show = true
  })
}

/** The error toast belongs to the page it was said on, as every toast does. */
export function closeErrorToast() {
  toast.show = false
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
