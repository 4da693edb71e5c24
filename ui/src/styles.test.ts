import { describe, expect, it } from 'vitest'
import appSource from './App.vue?raw'
import homeSource from './pages/HomePage.vue?raw'

/**
 * What jsdom cannot lay out, read from the styles themselves: the colours that must be legible
 * and the rules that place things on every page.
 */
const SOURCES = import.meta.glob<string>(['./pages/*.vue', './components/*.vue', './App.vue'], {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** The `<style>` blocks of a single-file component. */
function styleOf(source: string): string {
  return [...source.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((match) => match[1]).join('\n')
}

/** The value the app's root gives a custom property. */
function rootValue(name: string): string {
  const value = styleOf(appSource).match(new RegExp(`${name}:\\s*([^;]+);`))?.[1]
  if (!value) throw new Error(`App.vue gives no value to ${name}`)
  return value.trim()
}

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = parseInt(hex.slice(at, at + 2), 16) / 255
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4
    })
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

/** The horizontal part of a `margin` shorthand (top right bottom left), when both sides agree. */
function sideMargin(value: string): string | null {
  const parts = value.trim().split(/\s+/)
  const [right, left] = parts.length === 1 ? [parts[0], parts[0]] : [parts[1], parts[3] ?? parts[1]]
  return right === left ? right : null
}

describe('Styles', () => {
  it('gives placeholders 4.5:1 against white and against the page grey the chat input sits on', () => {
    const placeholder = rootValue('--van-field-placeholder-text-color')
    for (const background of ['#ffffff', rootValue('--lcs-page-bg')]) {
      expect(contrast(placeholder, background), `${placeholder} on ${background}`).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('sets whatever stands in from the window sides 16 px in, as the cards are', () => {
    const uneven: string[] = []
    for (const [file, source] of Object.entries(SOURCES)) {
      for (const [, value] of styleOf(source).matchAll(/(?:^|[\s;{])margin:\s*([^;]+);/g)) {
        const side = sideMargin(value)
        if (side?.endsWith('px') && side !== '0px' && side !== '16px') uneven.push(`${file}: margin ${value}`)
      }
    }
    expect(uneven).toEqual([])
  })

  it("starts the services' icons on one line, whatever the length of their labels", () => {
    expect(styleOf(homeSource)).toMatch(/\.van-grid-item__content\)\s*\{\s*justify-content:\s*flex-start;/)
  })

  it("fills the rail's height with the sidebar's colour on a wide window", () => {
    const style = styleOf(appSource)
    expect(style).toMatch(/\.rail \{[^}]*display: flex;[^}]*flex-direction: column;[^}]*background: var\(--van-sidebar-background\);/)
    expect(style).toMatch(/\.rail \.van-sidebar \{[^}]*flex: 1;/)
  })
})
