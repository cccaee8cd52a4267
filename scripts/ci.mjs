#!/usr/bin/env node
// The CI run (`pnpm run ci`): a list of named steps, run as soon as the steps they need have passed, at most
// CI_CONCURRENCY (default 2, the cores of the CI machine) at a time. Each step's output is buffered and printed in
// one piece when it ends, so parallel steps never interleave; a timing table and `ci: N passed, N failed` close
// the run, and the exit code is non-zero when any step failed or could not run.
//
// To add a step, add one line to STEPS. `needs` names the steps it must wait for; `when` skips it (shown as
// "not present", never counted) until the script it runs exists, so a step can be listed before it lands.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../', import.meta.url))
const scripts = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts ?? {}
/** Runs only when the root package.json has this script. */
const hasScript = (name) => () => name in scripts

// The whole vitest suite, minus the differential test that runs as its own step. Node 20 runs it on msw 2 (msw 3
// needs Node 22.12+); Node 22 and 24 run it on msw 3 through vitest.msw3.config.ts. The other Node versions come
// from npm (`npx -p node@22`), so the machine needs only the Node that runs this script.
const VITEST_ARGS = 'run --exclude test/security/corpus-jose.test.ts'
const vitestOn = (major) =>
  `npx -y -p node@${major} node ./node_modules/vitest/vitest.mjs ${VITEST_ARGS} --config vitest.msw3.config.ts`

/** @type {{ name: string, run: string, needs?: string[], when?: () => boolean }[]} */
const STEPS = [
  { name: 'build', run: 'pnpm build' },
  { name: 'lint', run: 'pnpm lint' },
  { name: 'typecheck', run: 'pnpm typecheck', needs: ['build'] },
  { name: 'vitest (node 20)', run: `vitest ${VITEST_ARGS}`, needs: ['build'] },
  { name: 'test:differential', run: 'pnpm test:differential', needs: ['build'] },
  { name: 'vitest (node 22)', run: vitestOn(22), needs: ['build'] },
  { name: 'vitest (node 24)', run: vitestOn(24), needs: ['build'] },
  { name: 'bench:smoke', run: 'pnpm bench:smoke', needs: ['build'] },
  { name: 'check:packages', run: 'pnpm check:packages', needs: ['build'] },
  { name: 'check:types-consumers', run: 'pnpm check:types-consumers', needs: ['build'] },
  // Placeholders: each runs once its script exists in package.json.
  { name: 'test:users', run: 'pnpm test:users', needs: ['build'], when: hasScript('test:users') },
  { name: 'test:emulator', run: 'pnpm test:emulator', needs: ['build'], when: hasScript('test:emulator') },
  { name: 'test:redis', run: 'pnpm test:redis', needs: ['build'], when: hasScript('test:redis') },
  { name: 'test:runtimes', run: 'pnpm test:runtimes', needs: ['build'], when: hasScript('test:runtimes') },
]

const concurrency = Math.max(1, Number(process.env.CI_CONCURRENCY ?? 2))
// `CI_ONLY=lint,typecheck` runs a subset (their `needs` are not added: list them too).
const only = process.env.CI_ONLY?.split(',').map((name) => name.trim())

/** @type {Map<string, { state: 'pending' | 'running' | 'passed' | 'failed' | 'blocked' | 'absent', ms: number, note?: string }>} */
const status = new Map()
for (const step of STEPS) {
  const deselected = only !== undefined && !only.includes(step.name)
  const absent = deselected || (step.when !== undefined && !step.when())
  status.set(step.name, {
    state: absent ? 'absent' : 'pending',
    ms: 0,
    note: deselected ? 'not in CI_ONLY' : undefined,
  })
}

const started = Date.now()
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`
const stamp = () => `[ci +${seconds(Date.now() - started)}]`

function runStep(step) {
  const entry = status.get(step.name)
  entry.state = 'running'
  console.log(`${stamp()} start ${step.name}: ${step.run}`)
  const t0 = Date.now()
  return new Promise((resolve) => {
    const child = spawn(step.run, { cwd: root, shell: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env })
    const chunks = []
    child.stdout.on('data', (chunk) => chunks.push(chunk))
    child.stderr.on('data', (chunk) => chunks.push(chunk))
    child.on('error', (error) => chunks.push(Buffer.from(`${error.stack}\n`)))
    child.on('close', (code, signal) => {
      entry.ms = Date.now() - t0
      entry.state = code === 0 ? 'passed' : 'failed'
      if (code !== 0) entry.note = signal ? `killed by ${signal}` : `exit ${code}`
      const rule = '-'.repeat(20)
      console.log(`\n${rule} ${step.name} (${entry.state}, ${seconds(entry.ms)}) ${rule}`)
      process.stdout.write(Buffer.concat(chunks))
      console.log(`${rule} end of ${step.name} ${rule}\n`)
      resolve()
    })
  })
}

/** Steps whose needs have all passed; steps behind a failed or blocked need become blocked. */
function ready() {
  const out = []
  for (const step of STEPS) {
    const entry = status.get(step.name)
    if (entry.state !== 'pending') continue
    const needs = (step.needs ?? []).map((name) => status.get(name)).filter((need) => need.state !== 'absent')
    if (needs.some((need) => need.state === 'failed' || need.state === 'blocked')) {
      entry.state = 'blocked'
      entry.note = `needs ${step.needs.join(', ')}`
      continue
    }
    if (needs.every((need) => need.state === 'passed')) out.push(step)
  }
  return out
}

const running = new Set()
for (;;) {
  for (const step of ready()) {
    if (running.size >= concurrency) break
    const job = runStep(step).then(() => running.delete(job))
    running.add(job)
  }
  if (running.size === 0) break
  await Promise.race(running)
}

const rows = STEPS.map((step) => {
  const entry = status.get(step.name)
  const shown = entry.state === 'absent' ? 'not present' : entry.state === 'blocked' ? 'not run' : entry.state
  return [step.name, shown, entry.ms ? seconds(entry.ms) : '-', entry.note ?? '']
})
const width = (column) => Math.max(...rows.map((row) => row[column].length), 4)
console.log('\nstep'.padEnd(width(0) + 3) + 'result'.padEnd(width(1) + 2) + 'time'.padStart(width(2)))
for (const [name, shown, time, note] of rows) {
  console.log(`${name.padEnd(width(0) + 2)}${shown.padEnd(width(1) + 2)}${time.padStart(width(2))}  ${note}`.trimEnd())
}
console.log(`${'total (wall clock)'.padEnd(width(0) + 2)}${''.padEnd(width(1) + 2)}${seconds(Date.now() - started)}`)
const counted = [...status.values()].filter((entry) => entry.state !== 'absent')
const passed = counted.filter((entry) => entry.state === 'passed').length
const failed = counted.length - passed
console.log(`ci: ${passed} passed, ${failed} failed`)
process.exitCode = failed === 0 ? 0 : 1
