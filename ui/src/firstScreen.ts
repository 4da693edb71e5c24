import { applyLanguage } from './i18n'
import { reportUnhandled } from './commands'
import { useAuthStore } from './stores/auth'
import { useSettingsStore } from './stores/settings'

/**
 * What the first screen needs before it is drawn, asked for together rather than one after the
 * other: the settings (the language, so that the UI never flashes in the wrong one) and who is
 * signed in (Home asks for their cached accounts as it is set up; a link decides from it whether
 * sign-in comes first). A failure has been told to the user, and the app starts without it.
 */
export async function loadFirstScreen() {
  const settings = useSettingsStore()
  const auth = useAuthStore()
  await Promise.all([
    settings.load().catch((error) => {
      reportUnhandled(error)
      applyLanguage(settings.language)
    }),
    auth.load().catch(reportUnhandled),
  ])
}
