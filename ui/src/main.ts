import { createApp } from 'vue'
import { createPinia } from 'pinia'
import { setToastDefaultOptions } from 'vant'
import 'vant/lib/index.css'
// Vant's swipe-to-delete, pull-to-refresh and pickers follow touch only: a mouse drives them too.
import '@vant/touch-emulator'
import App from './App.vue'
import { installErrorReporting, reportUnhandled } from './commands'
import { applyLanguage, i18n } from './i18n'
import { createAppRouter } from './router'
import { useSettingsStore } from './stores/settings'

const app = createApp(App)
app.use(createPinia()).use(i18n).use(createAppRouter())

installErrorReporting(app)

// Vant breaks toast text anywhere, which cuts English words in half ("Address sav / ed").
setToastDefaultOptions({ wordBreak: 'break-word' })

// The language is known before the first paint, so the UI never flashes in the wrong one. If the
// settings cannot be read the user has been told, and the app starts in the system language.
const settings = useSettingsStore()
settings
  .load()
  .catch((error) => {
    reportUnhandled(error)
    applyLanguage(settings.language)
  })
  .finally(() => {
    app.mount('#app')
    // For the start-up timeline of `make perf`.
    performance.mark('lcs:mounted')
  })
