import { onBeforeUnmount, ref, watch } from 'vue'
import type { CommandError } from '../bindings'
import { CommandFailure } from '../commands'

/** How long typing must pause before the number is checked with the server. */
export const PHONE_CHECK_DELAY_MS = 400

type CheckResult = { status: 'ok'; data: null } | { status: 'error'; error: CommandError | string }

/**
 * Asks the server, once typing pauses, whether a phone number may still register. `number`
 * answers null while the number is incomplete or not checked on this form; the server's
 * refusal (already registered) is shown under the field, and anything else (offline) is
 * left to the submission, which reports it.
 */
export function usePhoneCheck<T>(number: () => T | null, check: (number: T) => Promise<CheckResult>) {
  /** The server's words when the number cannot register; null when it can or is unchecked. */
  const refusal = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0

  watch(number, (value) => {
    clearTimeout(timer)
    refusal.value = null
    asked += 1
    if (!value) return
    const question = asked
    timer = setTimeout(async () => {
      const answer = await check(value)
      // A later number was typed meanwhile: this answer is about a number no longer shown.
      if (question !== asked) return
      if (answer.status === 'error' && typeof answer.error !== 'string' && answer.error.code === 'business') {
        refusal.value = new CommandFailure(answer.error).message
      }
    }, PHONE_CHECK_DELAY_MS)
  })

  onBeforeUnmount(() => clearTimeout(timer))
  return refusal
}
