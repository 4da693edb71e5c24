import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import HomePage from './pages/HomePage.vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** Top-level pages show the tab bar and no back arrow. */
    tab?: boolean
    /**
     * The page follows its query as it changes (it keeps its own state there). Any other page
     * is shown afresh when its query changes: a link to the chat, address or H5 page already
     * open names another one.
     */
    followsQuery?: boolean
  }
}

/**
 * Every native page, named by its route (the bridge and lcs:// links use the same names). Home
 * is the first screen and comes with the app; every other page comes in its own chunk when
 * first opened, so that the start parses only what Home needs.
 */
export const PAGES = [
  { name: 'lcs.home', path: '/', component: HomePage, meta: { tab: true } },
  { name: 'lcs.account.login', path: '/account/login', component: () => import('./pages/LoginPage.vue') },
  { name: 'lcs.account.register', path: '/account/register', component: () => import('./pages/RegisterPage.vue') },
  { name: 'lcs.account.forgetpwd', path: '/account/forgetpwd', component: () => import('./pages/ForgotPasswordPage.vue') },
  { name: 'lcs.account.setpwd', path: '/account/setpwd', component: () => import('./pages/SetPasswordPage.vue') },
  { name: 'lcs.account.password', path: '/account/password', component: () => import('./pages/ChangePasswordPage.vue') },
  { name: 'lcs.account.personinfo', path: '/account/personinfo', component: () => import('./pages/PersonInfoPage.vue') },
  // The avatar's cropper comes with the editor.
  { name: 'lcs.account.edit', path: '/account/edit', component: () => import('./pages/ProfileEditPage.vue') },
  { name: 'lcs.account.certify', path: '/account/certify', component: () => import('./pages/CertifyPage.vue') },
  { name: 'lcs.account.mobile', path: '/account/mobile', component: () => import('./pages/MobilePage.vue') },
  { name: 'lcs.account.level', path: '/account/level', component: () => import('./pages/LevelPage.vue') },
  { name: 'lcs.account.switch', path: '/account/switch', component: () => import('./pages/AccountSwitchPage.vue') },
  { name: 'lcs.address.list', path: '/address', component: () => import('./pages/AddressListPage.vue') },
  // The forms load China's region list with them.
  { name: 'lcs.address.edit', path: '/address/edit', component: () => import('./pages/AddressEditPage.vue') },
  { name: 'lcs.invoice.list', path: '/invoice', component: () => import('./pages/InvoiceListPage.vue') },
  { name: 'lcs.invoice.edit', path: '/invoice/edit', component: () => import('./pages/InvoiceEditPage.vue') },
  { name: 'lcs.message.list', path: '/message', component: () => import('./pages/MessageListPage.vue'), meta: { tab: true, followsQuery: true } },
  { name: 'lcs.message.chat', path: '/message/chat', component: () => import('./pages/MessageChatPage.vue') },
  { name: 'lcs.settings', path: '/settings', component: () => import('./pages/SettingsPage.vue'), meta: { tab: true } },
  { name: 'lcs.protocol', path: '/protocol', component: () => import('./pages/ProtocolPage.vue') },
  { name: 'lcs.web', path: '/web', component: () => import('./pages/WebPage.vue') },
] as const

export type PageName = (typeof PAGES)[number]['name']

export const routes: RouteRecordRaw[] = [
  ...PAGES.map((page): RouteRecordRaw => ({
    name: page.name,
    path: page.path,
    component: page.component,
    meta: 'meta' in page ? page.meta : {},
  })),
  // The testers' pages are not published routes (H5 pages and links have no business choosing
  // the backend or calling it by hand).
  { name: 'settings.environments', path: '/settings/environments', component: () => import('./pages/EnvironmentsPage.vue') },
  { name: 'settings.inspector', path: '/settings/inspector', component: () => import('./pages/InspectorPage.vue') },
  { name: 'settings.console', path: '/settings/console', component: () => import('./pages/ApiConsolePage.vue') },
  { name: 'settings.call', path: '/settings/console/:name', component: () => import('./pages/ApiCallPage.vue') },
  { path: '/:unknown(.*)*', redirect: { name: 'lcs.home' } },
]

/** What identifies the page shown at `route`: a new key shows the page afresh. */
export function pageKey(route: Pick<RouteLocationNormalized, 'meta' | 'path' | 'fullPath'>): string {
  return route.meta.followsQuery ? route.path : route.fullPath
}

export function createAppRouter() {
  // Hash history: the bundled UI is served from a custom protocol with no server-side routes.
  return createRouter({ history: createWebHashHistory(), routes })
}
