/**
 * Esc closes what covers the page, as on any desktop: the open dialog (through its cancel
 * button, or its only button when it has one, so the code awaiting it gets an answer), else the
 * topmost popup (through its overlay, which Vant closes like a tap outside).
 */
export function closeTopmostOnEscape(event: KeyboardEvent) {
  if (event.key !== 'Escape' || event.defaultPrevented) return
  const dialog = visible('.van-dialog')
  if (dialog) {
    const button = dialog.querySelector<HTMLElement>('.van-dialog__cancel') ?? dialog.querySelector<HTMLElement>('.van-dialog__confirm')
    if (button) {
      event.preventDefault()
      button.click()
    }
    return
  }
  const overlay = visible('.van-overlay')
  if (overlay) {
    event.preventDefault()
    overlay.click()
  }
}

/** The last matching element that is shown: Vant keeps closed popups in the page, hidden. */
function visible(selector: string): HTMLElement | undefined {
  const shown = [...document.querySelectorAll<HTMLElement>(selector)].filter((element) => element.style.display !== 'none')
  return shown.at(-1)
}

/**
 * A phone's on-screen keyboard covers the bottom of the page, and on iOS without making the
 * page any shorter. While it is up, `--lcs-keyboard-inset` on the root says how much it covers
 * (for what sticks to the bottom, such as the chat's composer), and the field being typed in is
 * scrolled back into view when the keyboard lands on it. Returns what stops following.
 */
export function followKeyboard(viewport: VisualViewport | null = window.visualViewport ?? null): () => void {
  if (!viewport) return () => undefined
  const root = document.documentElement
  const update = () => {
    const covered = Math.max(0, Math.round(window.innerHeight - viewport.height - viewport.offsetTop))
    root.style.setProperty('--lcs-keyboard-inset', `${covered}px`)
    const field = document.activeElement
    if (!covered || !(field instanceof HTMLElement) || !field.matches('input, textarea, [contenteditable="true"]')) return
    const { top, bottom } = field.getBoundingClientRect()
    if (bottom > viewport.offsetTop + viewport.height || top < viewport.offsetTop) field.scrollIntoView({ block: 'center' })
  }
  viewport.addEventListener('resize', update)
  viewport.addEventListener('scroll', update)
  return () => {
    viewport.removeEventListener('resize', update)
    viewport.removeEventListener('scroll', update)
    root.style.removeProperty('--lcs-keyboard-inset')
  }
}
