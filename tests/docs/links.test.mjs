// The README and the documents it leads to: every link to a file of the repository reaches
// one, and every link to a heading reaches that heading.

import assert from 'node:assert/strict'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const DOCUMENTS = [
  'README.md',
  'packages/jsbridge/README.md',
  ...readdirSync(path.join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchor(heading) {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-')
}

function anchorsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/```[\s\S]*?```/g, '')
  return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => anchor(match[1])))
}

for (const document of DOCUMENTS) {
  test(`${document}: every link inside the repository resolves`, () => {
    const text = readFileSync(path.join(ROOT, document), 'utf8').replace(/```[\s\S]*?```/g, '')
    const broken = []
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/i.test(target)) continue
      const [file, fragment] = target.split('#')
      const resolved = file ? path.join(ROOT, path.dirname(document), file) : path.join(ROOT, document)
      if (!existsSync(resolved)) broken.push(`${target}: no such file`)
      else if (fragment && resolved.endsWith('.md') && !anchorsOf(resolved).has(fragment)) {
        broken.push(`${target}: no such heading`)
      }
    }
    assert.deepEqual(broken, [])
  })
}

test('the README is read in two minutes: at most 150 lines', () => {
  const lines = readFileSync(path.join(ROOT, 'README.md'), 'utf8').split('\n').length
  assert.ok(lines <= 150, `${lines} lines`)
})
