import type { Router } from 'vue-router'
import { commands, events, type BridgeOpen, type PageLeft } from './bindings'
import { call } from './commands'
import { useAuthStore } from './stores/auth'

/** The page an H5 page opened, until the user leaves it. */
type Opened = { ticket: number; pages: Set<string>; loginFirst: boolean }

/**
 * Native pages an H5 page opens (`openPage`): shown here, and answered when the user leaves
 * them, with whether someone is signed in then (Rust turns that into `{loggedIn}` or 1007).
 */
export async function listenForBridge(router: Router) {
  const auth = useAuthStore()
  let opened: Opened | null = null

  function answer(left: PageLeft) {
    if (!opened) return
    const ticket = opened.ticket
    opened = null
    void call(commands.bridgePageClosed(ticket, left))
  }

  router.afterEach((to) => {
    if (!opened || opened.pages.has(String(to.name))) return
    answer(opened.loginFirst && !auth.signedIn ? 'login_abandoned' : 'closed')
  })

  await events.bridgeOpen.listen(async (event) => {
    const { ticket, navigation }: BridgeOpen = event.payload
    // A new request closes the one before: only one native page answers at a time.
    answer('closed')
    if (navigation.kind === 'open') {
      opened = { ticket, pages: new Set([navigation.route.name]), loginFirst: false }
      await router.push({ path: navigation.route.path, query: navigation.route.query })
    } else {
      opened = { ticket, pages: new Set([navigation.login.name, navigation.then.name]), loginFirst: true }
      await router.push({ path: navigation.login.path, query: navigation.login.query })
    }
  })
}
