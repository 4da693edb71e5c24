import { createRouter, createWebHashHistory, type RouteLocationNormalizedLoaded, type RouteRecordRaw } from 'vue-router'
import AccountSwitchPage from './pages/AccountSwitchPage.vue'
import AddressListPage from './pages/AddressListPage.vue'
import CertifyPage from './pages/CertifyPage.vue'
import ChangePasswordPage from './pages/ChangePasswordPage.vue'
import ForgotPasswordPage from './pages/ForgotPasswordPage.vue'
import HomePage from './pages/HomePage.vue'
import InvoiceListPage from './pages/InvoiceListPage.vue'
import LevelPage from './pages/LevelPage.vue'
import LoginPage from './pages/LoginPage.vue'
import MessageChatPage from './pages/MessageChatPage.vue'
import MessageListPage from './pages/MessageListPage.vue'
import MobilePage from './pages/MobilePage.vue'
import PersonInfoPage from './pages/PersonInfoPage.vue'
import ProtocolPage from './pages/ProtocolPage.vue'
import RegisterPage from './pages/RegisterPage.vue'
import SetPasswordPage from './pages/SetPasswordPage.vue'
import SettingsPage from './pages/SettingsPage.vue'
import WebPage from './pages/WebPage.vue'

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

/** Every native page, named by its route (the bridge and lcs:// links use the same names). */
export const PAGES = [
  { name: 'lcs.home', path: '/', component: HomePage, meta: { tab: true } },
  { name: 'lcs.account.login', path: '/account/login', component: LoginPage },
  { name: 'lcs.account.register', path: '/account/register', component: RegisterPage },
  { name: 'lcs.account.forgetpwd', path: '/account/forgetpwd', component: ForgotPasswordPage },
  { name: 'lcs.account.setpwd', path: '/account/setpwd', component: SetPasswordPage },
  { name: 'lcs.account.password', path: '/account/password', component: ChangePasswordPage },
  { name: 'lcs.account.personinfo', path: '/account/personinfo', component: PersonInfoPage },
  // The avatar's cropper comes with the editor, in its own chunk.
  { name: 'lcs.account.edit', path: '/account/edit', component: () => import('./pages/ProfileEditPage.vue') },
  { name: 'lcs.account.certify', path: '/account/certify', component: CertifyPage },
  { name: 'lcs.account.mobile', path: '/account/mobile', component: MobilePage },
  { name: 'lcs.account.level', path: '/account/level', component: LevelPage },
  { name: 'lcs.account.switch', path: '/account/switch', component: AccountSwitchPage },
  { name: 'lcs.address.list', path: '/address', component: AddressListPage },
  // The forms load China's region list with them, so they come in their own chunk.
  { name: 'lcs.address.edit', path: '/address/edit', component: () => import('./pages/AddressEditPage.vue') },
  { name: 'lcs.invoice.list', path: '/invoice', component: InvoiceListPage },
  { name: 'lcs.invoice.edit', path: '/invoice/edit', component: () => import('./pages/InvoiceEditPage.vue') },
  { name: 'lcs.message.list', path: '/message', component: MessageListPage, meta: { tab: true, followsQuery: true } },
  { name: 'lcs.message.chat', path: '/message/chat', component: MessageChatPage },
  { name: 'lcs.settings', path: '/settings', component: SettingsPage, meta: { tab: true } },
  { name: 'lcs.protocol', path: '/protocol', component: ProtocolPage },
  { name: 'lcs.web', path: '/web', component: WebPage },
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
  // the backend or calling it by hand), and come in their own chunks: most users never open them.
  { name: 'settings.environments', path: '/settings/environments', component: () => import('./pages/EnvironmentsPage.vue') },
  { name: 'settings.inspector', path: '/settings/inspector', component: () => import('./pages/InspectorPage.vue') },
  { name: 'settings.console', path: '/settings/console', component: () => import('./pages/ApiConsolePage.vue') },
  { name: 'settings.call', path: '/settings/console/:name', component: () => import('./pages/ApiCallPage.vue') },
  { path: '/:unknown(.*)*', redirect: { name: 'lcs.home' } },
]

/** What identifies the page shown at `route`: a new key shows the page afresh. */
export function pageKey(route: RouteLocationNormalizedLoaded): string {
  return route.meta.followsQuery ? route.path : route.fullPath
}

export function createAppRouter() {
  // Hash history: the bundled UI is served from a custom protocol with no server-side routes.
  return createRouter({ history: createWebHashHistory(), routes })
}
