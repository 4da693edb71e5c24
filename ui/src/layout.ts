import { onScopeDispose, ref } from 'vue'

/** Wider than a phone held upright: the app shows a navigation rail beside the page. */
export const WIDE_LAYOUT_QUERY = '(min-width: 900px)'

/**
 * A mouse or a trackpad, which comes with a keyboard: a phone or a tablet has neither, so
 * its user is not told about key combinations.
 */
export const KEYBOARD_QUERY = '(hover: hover) and (pointer: fine)'

/** Whether the media query `query` matches, following changes. */
function useMediaQuery(query: string) {
  const list = window.matchMedia?.(query)
  const matches = ref(list?.matches ?? false)
  const follow = (event: MediaQueryListEvent) => {
    matches.value = event.matches
  }
  list?.addEventListener('change', follow)
  onScopeDispose(() => list?.removeEventListener('change', follow))
  return matches
}

/** Whether the window is wide, following resizes. */
export function useWideLayout() {
  return useMediaQuery(WIDE_LAYOUT_QUERY)
}

/** Whether the user has a keyboard, as far as a fine pointer that hovers tells. */
export function useHasKeyboard() {
  return useMediaQuery(KEYBOARD_QUERY)
}
