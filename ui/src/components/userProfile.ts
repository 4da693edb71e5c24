import { computed, ref, watch } from 'vue'
import { useI18n } from 'vue-i18n'
import { commands } from '../bindings'
import { call, CommandFailure } from '../commands'
import { useAuthStore } from '../stores/auth'
import { useDataStore } from '../stores/data'

/**
 * The signed-in user-centre user's profile for a page that shows or changes part of it: read
 * at once, again when the account changes or the cached profile is refreshed, and kept when a
 * later read fails (`loadError` says why).
 */
export function useUserProfile() {
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
      const answer = await call(commands.profileUserInfo())
      profile.value = (answer.data && typeof answer.data === 'object' ? answer.data : {}) as Record<string, unknown>
    } catch (error) {
      loadError.value = error instanceof CommandFailure ? error.message : t('errors.unknown')
    }
  }

  watch(() => [user.value?.account, data.revisions.user_info], load, { immediate: true })

  return { user, profile, loadError, text, load }
}
