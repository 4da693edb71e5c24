import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import {
  commands,
  type AppInfo,
  type Environment,
  type EnvironmentEntry,
  type EnvironmentImport,
  type EnvironmentImportToConfirm,
  type EnvironmentList,
  type Language,
  type Settings,
} from '../bindings'
import { call } from '../commands'
import { applyLanguage, i18n, systemLanguage } from '../i18n'

/** Built-ins are named in the UI's language; the user's own by the name they gave. */
export function environmentName(entry: EnvironmentEntry): string {
  const id = entry.environment.id ?? ''
  const key = `environments.names.${id}`
  return entry.builtIn && i18n.global.te(key) ? i18n.global.t(key) : (entry.environment.name ?? id)
}

export const useSettingsStore = defineStore('settings', () => {
  const settings = ref<Settings>({ language: null })
  const appInfo = ref<AppInfo | null>(null)
  const environments = ref<EnvironmentList | null>(null)

  /** What the UI shows: the user's choice, or the system's language until they choose. */
  const language = computed<Language>(() => settings.value.language ?? systemLanguage())

  /**
   * Developer mode: the testers' tools, the built-in environments and the backend addresses.
   * Rust writes the build's default in at start (off in an operator's build).
   */
  const developer = computed(() => settings.value.developerMode ?? true)

  const currentEnvironment = computed<EnvironmentEntry | null>(
    () => environments.value?.environments.find((entry) => entry.environment.id === environments.value?.current) ?? null,
  )

  async function load() {
    settings.value = await call(commands.settingsGet())
    applyLanguage(language.value)
  }

  /** What the Settings page's About and Backend sections show. */
  async function loadAbout() {
    ;[appInfo.value, environments.value] = await Promise.all([
      call(commands.appInfo()),
      call(commands.environmentList()),
    ])
  }

  async function loadEnvironments() {
    environments.value = await call(commands.environmentList())
  }

  /** Saves first: the UI switches only once the choice will survive a restart. */
  async function setLanguage(choice: Language | null) {
    settings.value = await call(commands.settingsSetLanguage(choice))
    applyLanguage(language.value)
  }

  /** Saved in Rust first, like the language. */
  async function setInspectorEnabled(enabled: boolean) {
    settings.value = await call(commands.inspectorSetEnabled(enabled))
  }

  async function setConsoleEnabled(enabled: boolean) {
    settings.value = await call(commands.settingsSetConsoleEnabled(enabled))
  }

  /** Takes effect at once, for the log's next line. */
  async function setDebugLog(enabled: boolean) {
    settings.value = await call(commands.settingsSetDebugLog(enabled))
  }

  async function setNotificationsEnabled(enabled: boolean) {
    settings.value = await call(commands.settingsSetNotificationsEnabled(enabled))
  }

  /** Off, an operator's build may move the user to its default environment: the list follows. */
  async function setDeveloperMode(enabled: boolean) {
    settings.value = await call(commands.settingsSetDeveloperMode(enabled))
    await loadEnvironments()
  }

  async function selectEnvironment(id: string) {
    environments.value = await call(commands.environmentSelect(id))
  }

  async function saveEnvironment(environment: Environment, isNew: boolean) {
    environments.value = await call(commands.environmentSave(environment, isNew))
  }

  async function removeEnvironment(id: string) {
    environments.value = await call(commands.environmentRemove(id))
  }

  /** The user's own environments (or only `id`) to a file they pick; `null` if they cancel. */
  async function exportEnvironments(id: string | null): Promise<string | null> {
    return await call(commands.environmentExport(id))
  }

  /** Environments from a file the user picks; `null` if they cancel. */
  /**
   * Asks for a file and imports it, or answers what it would replace: the user confirms that
   * with `confirmImport`, so a file never silently moves an environment to other servers.
   */
  async function importEnvironments(): Promise<EnvironmentImport | EnvironmentImportToConfirm | null> {
    const step = await call(commands.environmentImport())
    if (!step) return null
    if (step.kind === 'confirm') return { text: step.text, plan: step.plan }
    environments.value = step.environments
    return step.import
  }

  async function confirmImport(text: string): Promise<EnvironmentImport> {
    const imported = await call(commands.environmentImportConfirm(text))
    environments.value = imported.environments
    return imported.import
  }

  return {
    settings,
    appInfo,
    environments,
    currentEnvironment,
    developer,
    language,
    load,
    loadAbout,
    loadEnvironments,
    setLanguage,
    setInspectorEnabled,
    setConsoleEnabled,
    setDebugLog,
    setNotificationsEnabled,
    setDeveloperMode,
    selectEnvironment,
    saveEnvironment,
    removeEnvironment,
    exportEnvironments,
    importEnvironments,
    confirmImport,
  }
})
