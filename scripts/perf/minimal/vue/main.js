// A page with LCS Account's UI libraries, started as its UI starts (Vue, Vant, a router, a store,
// translations) and showing a Home-like screen from no data: what the UI stack costs before any
// code of the app runs, at its lightest: only the styles of the components it shows.
import { createApp, h } from 'vue'
import { createPinia } from 'pinia'
import { createI18n } from 'vue-i18n'
import { RouterView, createRouter, createWebHashHistory } from 'vue-router'
import { Cell, CellGroup, Grid, GridItem, NavBar, Tabbar, TabbarItem } from 'vant'
import 'vant/es/nav-bar/style/index'
import 'vant/es/cell/style/index'
import 'vant/es/cell-group/style/index'
import 'vant/es/grid/style/index'
import 'vant/es/grid-item/style/index'
import 'vant/es/tabbar/style/index'
import 'vant/es/tabbar-item/style/index'
import '@vant/touch-emulator'

const i18n = createI18n({ legacy: false, locale: 'en-US', messages: { 'en-US': { title: 'Home' } } })

const Home = {
  setup() {
    return () => [
      h(NavBar, { title: i18n.global.t('title') }),
      h(CellGroup, { inset: true, 'data-testid': 'ready' }, () =>
        ['Real account', 'Demo account', 'Balance'].map((title) => h(Cell, { title, value: '—' })),
      ),
      h(Grid, { columnNum: 4 }, () =>
        ['Profile', 'Addresses', 'Invoices', 'Messages'].map((text) => h(GridItem, { icon: 'user-o', text })),
      ),
      h(Tabbar, { modelValue: 0 }, () =>
        ['Home', 'Messages', 'Me'].map((label) => h(TabbarItem, { icon: 'home-o' }, () => label)),
      ),
    ]
  },
}

const router = createRouter({ history: createWebHashHistory(), routes: [{ path: '/', component: Home }] })
const app = createApp({ render: () => h(RouterView) })
app.use(createPinia()).use(i18n).use(router)
router.isReady().then(() => {
  app.mount('#app')
  performance.mark('lcs:mounted')
})
