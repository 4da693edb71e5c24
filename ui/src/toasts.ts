import type { Router } from 'vue-router'
import { closeToast, setToastDefaultOptions } from 'vant'
import { closeErrorToast } from './commands'
import { pageKey } from './router'

/**
 * Toasts sit near the top, clear of a page's main button (mid-screen on a phone's forms), and a
 * toast belongs to the page under it: leaving the page closes it. Answers how to stop closing.
 */
export function placeToasts(router: Router) {
  // Vant breaks toast text anywhere, which cuts English words in half ("Address sav / ed").
  setToastDefaultOptions({ wordBreak: 'break-word', position: 'top' })
  return router.beforeEach((to, from) => {
    if (pageKey(to) === pageKey(from)) return
    closeToast(true)
    closeErrorToast()
  })
}

/**
 * Goes where `go` navigates, then shows `toast` on the page it lands on: said before leaving,
 * it would close with the page it was said on. `router.back()` answers nothing to wait for,
 * hence the router's own word that the navigation ended.
 */
export async function thenToast(router: Router, go: () => unknown, toast: () => unknown) {
  const arrived = new Promise<void>((resolve) => {
    const stop = router.afterEach(() => {
      stop()
      resolve()
    })
  })
  await go()
  await arrived
  toast()
}
