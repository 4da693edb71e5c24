// Chinese renders as Chinese: each character of the zh-CN screen's headings is drawn with a
// glyph of its own, not the box a font draws for a character it lacks.

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { withApp } from './app.mjs'

/**
 * The characters of `selector`'s text that the webview draws exactly as it draws U+0378 (a
 * code point no font has): the ones shown as boxes. Each is drawn in the element's own font.
 */
const BOXED = `
  const element = document.querySelector(arguments[0])
  const font = getComputedStyle(element).font
  const draw = (text) => {
    const canvas = document.createElement('canvas')
    canvas.width = 64
    canvas.height = 64
    const context = canvas.getContext('2d')
    context.font = font
    context.fillText(text, 8, 48)
    return canvas.toDataURL()
  }
  const missing = draw('\\u0378')
  return [...element.textContent.trim()].filter((character) => draw(character) === missing)
`

test('the zh-CN headings are drawn in a font that has Chinese', async (t) => {
  await withApp(t, async ({ session }) => {
    await session.waitFor('[data-testid="page-title"]', { text: '首页' })
    await session.click('[data-testid="tab-settings"]')
    await session.waitFor('[data-testid="page-title"]', { text: '设置' })
    const boxed = await session.cmd('POST', '/execute/sync', { script: BOXED, args: ['[data-testid="page-title"]'] })
    assert.deepEqual(boxed, [], `drawn as boxes: ${boxed.join(' ')}`)
    // The check tells boxes apart: a character no font has is one.
    const control = await session.cmd('POST', '/execute/sync', {
      script: `${BOXED.replace('element.textContent.trim()', "'\\u0379'")}`,
      args: ['[data-testid="page-title"]'],
    })
    assert.deepEqual(control, ['\u0379'])
  })
})
