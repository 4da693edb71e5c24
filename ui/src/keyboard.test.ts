import { afterEach, describe, expect, it, vi } from 'vitest'
import { followKeyboard } from './keyboard'

/** A visual viewport that a test resizes, as a phone's keyboard does. */
class FakeViewport extends EventTarget {
  height = 844
  offsetTop = 0
  show(keyboard: number) {
    this.height = 844 - keyboard
    this.dispatchEvent(new Event('resize'))
  }
}

describe('followKeyboard', () => {
  let stop = () => undefined as void
  afterEach(() => {
    stop()
    document.body.innerHTML = ''
  })

  it('says how much the keyboard covers, and nothing once it is gone', () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(844)
    const viewport = new FakeViewport()
    stop = followKeyboard(viewport as unknown as VisualViewport)
    viewport.show(336)
    expect(document.documentElement.style.getPropertyValue('--lcs-keyboard-inset')).toBe('336px')
    viewport.show(0)
    expect(document.documentElement.style.getPropertyValue('--lcs-keyboard-inset')).toBe('0px')
  })

  it('brings the field being typed in back into view when the keyboard covers it', () => {
    vi.spyOn(window, 'innerHeight', 'get').mockReturnValue(844)
    const covered = document.createElement('input')
    const clear = document.createElement('input')
    document.body.append(covered, clear)
    covered.getBoundingClientRect = () => ({ top: 700, bottom: 744 }) as DOMRect
    clear.getBoundingClientRect = () => ({ top: 100, bottom: 144 }) as DOMRect
    covered.scrollIntoView = vi.fn()
    clear.scrollIntoView = vi.fn()
    const viewport = new FakeViewport()
    stop = followKeyboard(viewport as unknown as VisualViewport)

    clear.focus()
    viewport.show(336)
    expect(clear.scrollIntoView).not.toHaveBeenCalled()

    viewport.show(0)
    covered.focus()
    viewport.show(336)
    expect(covered.scrollIntoView).toHaveBeenCalledWith({ block: 'center' })
  })
})
