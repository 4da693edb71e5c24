import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { commands } from '../bindings'
import { CommandFailure, showError } from '../commands'
import { useAuthStore } from '../stores/auth'
import { useDataStore } from '../stores/data'

/**
 * Failures a page that only names the member leaves unsaid: the offline banner and the sign-out
 * notice already speak for them, and the name signed in with stands in meanwhile.
 */
const SAID_ELSEWHERE: readonly CommandFailure['code'][] = ['network', 'timeout', 'unauthorized', 'kicked']

/**
 * The signed-in user-centre user's profile for a page that shows or changes part of it: read
 * at once, again when the account changes or the cached profile is refreshed, and kept when a
 * later read fails (`loadError` says why). `namesOnly`: the page only names the member, and
 * shows no failure the app already speaks for.
 */
export function useUserProfile({ namesOnly = false } = {}) {
  const { t } = useI18n()
  const auth = useAuthStore()
  const data = useDataStore()

  const user = computed(() => auth.session('user_center') ?? null)
  const profile = ref<Record<string, unknown> | null>(null)
  const loadError = ref('')

  /** A field as text: the server sends some of them as numbers. */
  const text = (key: string) => {
    const value = profile.value?.[key]
    return typeof value === 'string' || typeof value === 'number' ? String(value) : ''
  }

  async function load() {
    if (!user.value) {
      // Signed out: nothing of the account that left may stay on screen.
      profile.value = null
      return
    }
    loadError.value = ''
    try {
      const result = await commands.profileUserInfo()
      if (result.status === 'error') {
        const failure = new CommandFailure(result.error)
        if (!namesOnly || !SAID_ELSEWHERE.includes(failure.code)) showError(failure)
        throw failure
      }
      const answer = result.data
      profile.value = (answer.data && typeof answer.data === 'object' ? answer.data : {}) as Record<string, unknown>
    } catch (error) {
      loadError.value = error instanceof CommandFailure ? error.message : t('errors.unknown')
    }
  }

  watch(() => [user.value?.account, data.revisions.user_info], load, { immediate: true })

  return { user, profile, loadError, text, load }
}
