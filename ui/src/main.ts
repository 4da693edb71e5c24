import { createApp } from 'vue'
import { createPinia } from 'pinia'
import 'vant/lib/index.css'
// Vant's swipe-to-delete, pull-to-refresh and pickers follow touch only: a mouse drives them too.
import '@vant/touch-emulator'
import App from './App.vue'
import { installErrorReporting } from './commands'
import { loadFirstScreen } from './firstScreen'
import { i18n } from './i18n'
import { createAppRouter } from './router'

const app = createApp(App)
app.use(createPinia()).use(i18n).use(createAppRouter())

installErrorReporting(app)

loadFirstScreen().finally(() => {
  app.mount('#app')
  // For the start-up timeline of `make perf`.
  performance.mark('lcs:mounted')
})
