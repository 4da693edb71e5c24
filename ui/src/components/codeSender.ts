import { onBeforeUnmount, reactive } from 'vue'
import { useI18n } from 'vue-i18n'
import { showSuccessToast } from 'vant'
import { commands, type CodeTarget } from '../bindings'
import { call } from '../commands'

/**
 * Sends verification codes for one page and counts down the wait before another may be sent
 * (the server says how long). One per page, so switching the form's tab does not reset it.
 */
export function useCodeSender() {
  const { t } = useI18n()
  let countdown: ReturnType<typeof setInterval> | undefined

  const sender = reactive({
    /** Seconds until another code may be sent; 0 when one may. */
    resendIn: 0,
    sending: false,
    async send(target: CodeTarget) {
      if (sender.sending || sender.resendIn > 0) return
      sender.sending = true
      try {
        const sent = await call(commands.authSendCode(target))
        start(sent.resendAfterSeconds)
        showSuccessToast(t('forms.codeSent'))
      } finally {
        sender.sending = false
      }
    },
  })

  function start(seconds: number) {
    sender.resendIn = seconds
    clearInterval(countdown)
    countdown = setInterval(() => {
      sender.resendIn -= 1
      if (sender.resendIn <= 0) clearInterval(countdown)
    }, 1000)
  }

  onBeforeUnmount(() => clearInterval(countdown))
  return sender
}

export type CodeSender = ReturnType<typeof useCodeSender>

/** Where a code for a phone number goes. */
export function phoneTarget(phoneArea: string, phone: string): CodeTarget {
  return { phoneArea, phone: phone.trim(), email: null }
}

/** Where a code for a user-centre account goes: its e-mail address or mainland mobile number. */
export function accountTarget(account: string): CodeTarget {
  const name = account.trim()
  return name.includes('@') ? { phoneArea: null, phone: null, email: name } : phoneTarget('+86', name)
}
