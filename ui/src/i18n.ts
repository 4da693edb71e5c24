import { createI18n } from 'vue-i18n'
import { Locale } from 'vant'
import vantEnUS from 'vant/es/locale/lang/en-US'
import vantZhCN from 'vant/es/locale/lang/zh-CN'
import type { Language } from './bindings'
import enUS from './locales/en-US'
import zhCN from './locales/zh-CN'

export const LANGUAGES: readonly Language[] = ['zh-CN', 'en-US']

export const i18n = createI18n({
  legacy: false,
  locale: 'zh-CN' as Language,
  fallbackLocale: 'zh-CN' as Language,
  messages: { 'zh-CN': zhCN, 'en-US': enUS },
})

const vantMessages = { 'zh-CN': vantZhCN, 'en-US': vantEnUS } as const

/** The language to use when the user has not chosen one. */
export function systemLanguage(languages: readonly string[] = navigator.languages): Language {
  const preferred = languages.find((tag) => /^(zh|en)\b/i.test(tag)) ?? ''
  return preferred.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN'
}

/** Switches vue-i18n, Vant's own texts and the document language together. */
export function applyLanguage(language: Language) {
  i18n.global.locale.value = language
  Locale.use(language, vantMessages[language])
  document.documentElement.lang = language
}
