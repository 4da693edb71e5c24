import { afterEach } from 'vitest'
// jsdom has no layout: Vant scrolls a form's first invalid field into view, which it lacks.
Element.prototype.scrollIntoView = function scrollIntoView() {}

// A text missing from the locales would show its key to the user: fail the test that shows it.
import { i18n } from './i18n'
const missing: string[] = []
i18n.global.setMissingHandler((_locale, key) => {
  missing.push(key)
  return key
})
afterEach(() => {
  const keys = missing.splice(0)
  if (keys.length) throw new Error(`texts missing from the locales: ${[...new Set(keys)].join(', ')}`)
})

// A command the test's backend did not expect fails the test, even where the page swallowed the refusal.
import { takeUnexpected } from './testing'
afterEach(() => {
  const commands = takeUnexpected()
  if (commands.length) throw new Error(`commands the test did not expect: ${[...new Set(commands)].join(', ')}`)
})
