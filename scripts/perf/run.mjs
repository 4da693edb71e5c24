// `make perf`: start-up time, idle memory and binary size of the release app, beside the same
// figures for the smallest Tauri app (scripts/perf/minimal) built the same way on this machine,
// and for that app showing a page made of LCS Account's UI libraries (scripts/perf/minimal/vue).
// Prints a Markdown table for the README. Needs a display, a D-Bus session and an unlocked
// Secret Service: the Makefile runs it under xvfb-run and dbus-run-session.
import { execFileSync } from 'node:child_process'
import { gzipSync } from 'node:zlib'
import { readFileSync, readdirSync, realpathSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { setTimeout as sleep } from 'node:timers/promises'
import { invoke, withApp } from '../../tests/e2e/app.mjs'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const TARGET = process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target')
const RUNS = Number(process.env.LCS_PERF_RUNS ?? 5)
// Measures again the release builds an earlier run left, without building or sizing them.
const MEASURE_ONLY = process.env.LCS_PERF_MEASURE_ONLY === '1'
const IDLE_MS = 10_000
const CLOCK_TICKS_PER_S = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim())

function build() {
  const run = (command, args) => execFileSync(command, args, { cwd: ROOT, stdio: 'inherit' })
  if (!MEASURE_ONLY) {
    run('npx', ['tauri', 'build', '--no-bundle'])
    run('npx', ['vite', 'build', '--config', 'scripts/perf/minimal/vue/vite.config.mjs'])
    run('cargo', ['build', '--release', '--features', 'custom-protocol', '--manifest-path', 'scripts/perf/minimal/Cargo.toml'])
  }
  return {
    app: path.join(TARGET, 'release', 'lcs-account'),
    minimal: path.join(TARGET, 'release', 'minimal-tauri-app'),
    minimalVue: path.join(TARGET, 'release', 'minimal-vue-app'),
  }
}

/** Every process as {pid, ppid, startedAtMs (since boot)}. */
function processes() {
  const list = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // The command name may hold spaces and parentheses: the fields start after the last ')'.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      list.push({ pid: Number(entry), ppid: Number(fields[1]), startedAtMs: (Number(fields[19]) / CLOCK_TICKS_PER_S) * 1000 })
    } catch {
      // The process ended while we looked.
    }
  }
  return list
}

function processOf(binary) {
  const wanted = realpathSync(binary)
  const matches = processes().filter(({ pid }) => {
    try {
      return realpathSync(`/proc/${pid}/exe`) === wanted
    } catch {
      return false
    }
  })
  if (matches.length !== 1) throw new Error(`expected one ${binary} process, found ${matches.length}`)
  return matches[0]
}

function uptimeMs() {
  return Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]) * 1000
}

/** Proportional set size of the process and its descendants (WebKit's web and network processes), in all and per process name. */
function memoryKb(root) {
  const all = processes()
  const family = new Set([root.pid])
  for (let grew = true; grew; ) {
    grew = false
    for (const p of all) {
      if (family.has(p.ppid) && !family.has(p.pid)) {
        family.add(p.pid)
        grew = true
      }
    }
  }
  let pss = 0
  const byName = {}
  for (const pid of family) {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
    const kb = Number(rollup.match(/^Pss:\s+(\d+) kB/m)[1])
    const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
    byName[name] = (byName[name] ?? 0) + kb
    pss += kb
  }
  return { pss, processes: family.size, byName }
}

/** Polls until `css` shows; returns ms from the app process's start to then, with the process. */
async function startUp(session, binary, css) {
  const app = processOf(binary)
  while ((await session.cmd('POST', '/elements', { using: 'css selector', value: css })).length === 0) {
    await sleep(5)
  }
  return { ms: uptimeMs() - app.startedAtMs, app }
}

/**
 * When each step of the start ended, in ms after the process started: the app's own steps
 * (LCS Account only) and the page's (navigation timing and the UI's `lcs:mounted` mark).
 */
async function timeline(session, app, ownSteps) {
  const page = await session.cmd('POST', '/execute/sync', {
    script: `const nav = performance.getEntriesByType('navigation')[0]
      const mounted = performance.getEntriesByName('lcs:mounted')[0]
      return { origin: performance.timeOrigin, html: nav && nav.responseEnd,
        scripts: nav && nav.domContentLoadedEventEnd, mounted: mounted && mounted.startTime }`,
    args: [],
  })
  const processStartedAt = Date.now() - (uptimeMs() - app.startedAtMs)
  const steps = {}
  if (ownSteps) {
    const { answer } = await invoke(session, 'app_startup_timeline', {})
    for (const { step, atMs } of answer ?? []) steps[step] = atMs - processStartedAt
  }
  const onPage = (ms) => (typeof ms === 'number' ? page.origin + ms - processStartedAt : undefined)
  steps['HTML received'] = onPage(page.html)
  steps['scripts run (DOMContentLoaded)'] = onPage(page.scripts)
  if (page.mounted !== undefined && page.mounted !== null) steps['UI mounted'] = onPage(page.mounted)
  return steps
}

/** Opens every app of `specs` (each with its own driver and profile), then runs `body` with them. */
function withApps(specs, body, opened = []) {
  if (opened.length === specs.length) return body(opened)
  const spec = specs[opened.length]
  return withApp({ name: spec.name }, (app) => withApps(specs, body, [...opened, app]), { binary: spec.binary })
}

/**
 * Starts the apps in turn, one at a time, `RUNS` times each, so that whatever the machine does
 * meanwhile falls on all alike; each start is on a profile that has already run once.
 */
async function measureAlternately(specs) {
  const results = specs.map(() => ({ starts: [], memory: [], timelines: [] }))
  await withApps(specs, async (apps) => {
    for (const [i, spec] of specs.entries()) {
      if (spec.prepare) await spec.prepare(apps[i].session)
      await apps[i].quit()
    }
    for (let run = 0; run < RUNS; run++) {
      for (const [i, spec] of specs.entries()) {
        const session = await apps[i].restart()
        const { ms: shownAfter, app } = await startUp(session, spec.binary, spec.css)
        results[i].starts.push(shownAfter)
        results[i].timelines.push({ ...(await timeline(session, app, spec.ownSteps)), 'content shown': shownAfter })
        await sleep(IDLE_MS)
        results[i].memory.push(memoryKb(processOf(spec.binary)))
        await apps[i].quit()
      }
    }
  })
  return results
}

/** A customer signs in once, so every measured start restores the session and shows cached accounts. */
async function signInDemoCustomer(session) {
  await session.click('[data-testid="home-sign-in"]')
  await session.click('[data-testid="demo-accounts"] .van-cell')
  await session.click('[data-testid="login-submit"]')
  await session.waitFor('[data-testid="home-account-real"]')
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const range = (values, format) => `${format(Math.min(...values))}–${format(Math.max(...values))}`
const ms = (value) => `${Math.round(value)} ms`
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`
const size = (file) => `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB`

/** What the release binary's code divides into, by crate (cargo-bloat, on the symbols of the `bloat` profile). */
function sizeByCrate() {
  const json = execFileSync(
    'cargo',
    ['bloat', '--profile', 'bloat', '-p', 'lcs-account', '--bin', 'lcs-account', '--features', 'custom-protocol', '--crates', '-n', '20', '--message-format', 'json'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const { crates, 'text-section-size': text } = JSON.parse(json)
  const kb = (bytes) => `${Math.round(bytes / 1024)} KB`
  return [`code (.text) ${kb(text)}:`, ...crates.map(({ name, size }) => `  ${kb(size).padStart(8)}  ${name}`)].join('\n')
}

/** What the UI's first screen loads before it can run: the files its index.html names. */
function startUpBundle() {
  const dist = path.join(ROOT, 'ui', 'dist')
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1])
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
  return files
    .map((file) => {
      const bytes = readFileSync(path.join(dist, file))
      return `  ${kb(bytes.length).padStart(9)} (${kb(gzipSync(bytes).length)} gzip)  ${file}`
    })
    .join('\n')
}

const binaries = build()
const [app, minimal, minimalVue] = await measureAlternately([
  { name: 'perf-lcs-account', binary: binaries.app, css: '[data-testid="home-account-real"]', prepare: signInDemoCustomer, ownSteps: true },
  { name: 'perf-minimal', binary: binaries.minimal, css: '[data-testid="ready"]' },
  { name: 'perf-minimal-vue', binary: binaries.minimalVue, css: '[data-testid="ready"]' },
])

/** `ours ÷ theirs`, start by start (the starts of one round ran one after the other). */
const ratiosOf = (ours, theirs) => ours.starts.map((start, run) => start / theirs.starts[run])
const ratios = ratiosOf(app, minimal)
const stackRatios = ratiosOf(minimalVue, minimal)
const overStackRatios = ratiosOf(app, minimalVue)
console.log('\nstart by start (LCS Account, the minimal app, the minimal app with the UI libraries):')
for (const run of ratios.keys()) {
  console.log(
    `  ${run + 1}: ${ms(app.starts[run])}, ${ms(minimal.starts[run])}, ${ms(minimalVue.starts[run])}: ` +
      `LCS ÷ minimal ${ratios[run].toFixed(2)}x, libraries ÷ minimal ${stackRatios[run].toFixed(2)}x, LCS ÷ libraries ${overStackRatios[run].toFixed(2)}x`,
  )
}

/** Each step's median over the starts, in the order of the first start's times. */
function printTimeline(name, results) {
  const steps = Object.keys(results.timelines[0]).filter((step) => results.timelines[0][step] !== undefined)
  const medians = steps.map((step) => [step, median(results.timelines.map((t) => t[step] ?? NaN))])
  medians.sort((a, b) => a[1] - b[1])
  console.log(`\n${name}, start-up timeline (ms after the process started, median of ${RUNS}):`)
  for (const [step, at] of medians) console.log(`  ${String(Math.round(at)).padStart(6)}  ${step}`)
}
printTimeline('LCS Account', app)
printTimeline('minimal Tauri app', minimal)
printTimeline('minimal Tauri app with the UI libraries', minimalVue)

const perProcess = (results) =>
  Object.keys(results.memory[0].byName)
    .map((name) => `${name} ${mb(median(results.memory.map((m) => m.byName[name] ?? 0)))}`)
    .join(', ')

const row = (...cells) => `| ${cells.join(' | ')} |`
const startsOf = (results) => `${ms(median(results.starts))} (${range(results.starts, ms)})`
const ratioOf = (values) => `median ${median(values).toFixed(2)}x (${range(values, (r) => `${r.toFixed(2)}x`)})`
const memoryOf = (results) => {
  const pss = results.memory.map((m) => m.pss)
  return `${mb(median(pss))} (${range(pss, mb)}, ${results.memory[0].processes} processes)`
}
const report = [
  `| what (median of ${RUNS} starts, range) | LCS Account | minimal Tauri app | minimal app with the UI libraries |`,
  '|---|---|---|---|',
  row(
    'process start → content shown (LCS Account: signed-in Home with cached trading accounts)',
    startsOf(app),
    startsOf(minimal),
    startsOf(minimalVue),
  ),
  row('start-up ÷ the minimal app, start by start', ratioOf(ratios), '', ratioOf(stackRatios)),
  row('start-up ÷ the minimal app with the UI libraries, start by start', ratioOf(overStackRatios), '', ''),
  row(`memory ${IDLE_MS / 1000} s after, PSS of the app and its WebKit processes`, memoryOf(app), memoryOf(minimal), memoryOf(minimalVue)),
  row('memory per process (median)', perProcess(app), perProcess(minimal), perProcess(minimalVue)),
  row('release binary', size(binaries.app), size(binaries.minimal), size(binaries.minimalVue)),
]
console.log(`\nthe UI's start-up files:\n${startUpBundle()}`)
if (!MEASURE_ONLY) console.log(`\nthe release binary by crate:\n${sizeByCrate()}`)
console.log(`\n${report.join('\n')}`)
