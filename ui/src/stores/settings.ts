import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { commands, type AppInfo, type EnvironmentInfo, type Language, type Settings } from '../bindings'
import { call } from '../commands'
import { applyLanguage, systemLanguage } from '../i18n'

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ language: null })
  const appInfo = ref<AppInfo | null>(null)
  const environment = ref<EnvironmentInfo | null>(null)

  /** What the UI shows: the user's choice, or the system's language until they choose. */
  const language = computed<Language>(() => settings.value.language ?? systemLanguage())

  async function load() {
    settings.value = await call(commands.settingsGet())
    applyLanguage(language.value)
  }

  /** What the Settings page's About and Backend sections show. */
  async function loadAbout() {
    ;[appInfo.value, environment.value] = await Promise.all([
      call(commands.appInfo()),
      call(commands.environmentCurrent()),
    ])
  }

  /** Saves first: the UI switches only once the choice will survive a restart. */
  async function setLanguage(choice: Language | null) {
    settings.value = await call(commands.settingsSetLanguage(choice))
    applyLanguage(language.value)
  }

  return { settings, appInfo, environment, language, load, loadAbout, setLanguage }
})
