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
