import { onScopeDispose, readonly, ref, watchEffect } from 'vue'

/** The shown page's own title, when its route's name says too little (a chat names its party). */
const given = ref<string | null>(null)
let owner: symbol | null = null

/** What the navigation bar shows in place of the route's title; `null` for the route's. */
export const pageTitle = readonly(given)

/** Titles the navigation bar with `title` while the calling page lives; `null` keeps the route's. */
export function usePageTitle(title: () => string | null) {
  const mine = Symbol('page title')
  owner = mine
  const stop = watchEffect(() => {
    if (owner === mine) given.value = title()
  })
  onScopeDispose(() => {
    stop()
    // The next page may have titled itself already.
    if (owner !== mine) return
    owner = null
    given.value = null
  })
}
