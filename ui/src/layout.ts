import { onScopeDispose, ref } from 'vue'

/** Wider than a phone held upright: the app shows a navigation rail beside the page. */
export const WIDE_LAYOUT_QUERY = '(min-width: 900px)'

/** Whether the window is wide, following resizes. */
export function useWideLayout() {
  const query = window.matchMedia?.(WIDE_LAYOUT_QUERY)
  const wide = ref(query?.matches ?? false)
  const follow = (event: MediaQueryListEvent) => {
    wide.value = event.matches
  }
  query?.addEventListener('change', follow)
  onScopeDispose(() => query?.removeEventListener('change', follow))
  return wide
}
