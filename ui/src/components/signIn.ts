import { useI18n } from 'vue-i18n'
import { useRoute, useRouter, type LocationQuery, type RouteLocationRaw } from 'vue-router'
import { showSuccessToast } from 'vant'
import type { AuthFamily } from '../bindings'
import { useAuthStore } from '../stores/auth'
import { thenToast } from '../toasts'

export const FAMILIES: readonly AuthFamily[] = ['customer', 'user_center', 'planner']

/** The family a page was opened for (`?family=`), or the first one. */
export function familyFrom(query: LocationQuery): AuthFamily {
  const asked = query.family
  return FAMILIES.find((family) => family === asked) ?? 'customer'
}

/** Where the user was going before sign-in (`?redirect=`), kept as they move between forms. */
export function redirectFrom(query: LocationQuery): string | null {
  return typeof query.redirect === 'string' ? query.redirect : null
}

/** The sign-in page opened on `family`'s form, coming back to `redirect` (a path) afterwards. */
export function signInTo(family: AuthFamily, redirect?: string): RouteLocationRaw {
  return { name: 'lcs.account.login', query: redirect ? { family, redirect } : { family } }
}

/** The account to fill in on the sign-in page, as registration or a new password leaves it. */
export type SignInPrefill = { family: AuthFamily; account: string; phoneArea?: string | null }

/** The sign-in page with `prefill` filled in, continuing where the user was going. */
export function signInPage(prefill: SignInPrefill, redirect: string | null): RouteLocationRaw {
  const query: Record<string, string> = { family: prefill.family, account: prefill.account }
  if (prefill.phoneArea) query.phoneArea = prefill.phoneArea
  if (redirect) query.redirect = redirect
  return { name: 'lcs.account.login', query }
}

/** After any sign-in: say so and continue where the user was going, or Home. */
export function useAfterSignIn() {
  const { t } = useI18n()
  const auth = useAuthStore()
  const route = useRoute()
  const router = useRouter()
  return async function afterSignIn() {
    await auth.refreshKeychain()
    const next = router.resolve(redirectFrom(route.query) ?? { name: 'lcs.home' })
    // Back to the page that sent the user here rather than a second copy of it, which Back would
    // only show again.
    const go = () => (window.history.state?.back === next.fullPath ? router.back() : router.replace(next))
    await thenToast(router, go, () => showSuccessToast(t('login.signedIn')))
  }
}
