import { formatMicros, markdownTable } from '../report/format.js'
import { type CpuProfile, type SelfTime, selfTimes } from './cpu-profile.js'
import { FRAME_GROUPS, type FrameGroup, frameOrigin } from './frame-group.js'

/** One profiled run of a case: its profile, the requests autocannon counted and the server's measured CPU. */
export interface ProfiledRun {
  readonly profile: CpuProfile
  readonly requests: number
  /** Server process CPU (user + system, all threads) during the run, in microseconds. */
  readonly cpuMicros: number
}

/** A case's runs summed: self time per function, requests, measured CPU. */
export interface CaseTimes {
  readonly self: ReadonlyMap<string, SelfTime>
  readonly requests: number
  readonly cpuMicros: number
}

/** One function's self time per request in the plain and the protected case. */
export interface DiffRow {
  readonly name: string
  readonly location: string
  readonly packageName: string
  readonly group: FrameGroup
  readonly plain: number
  readonly guarded: number
}

/** A plain-vs-protected comparison, per request, in microseconds. */
export interface ProfileDiff {
  readonly rows: readonly DiffRow[]
  /** Sampled time, `(idle)` left out, per request. */
  readonly profiled: { readonly plain: number; readonly guarded: number }
  /** Measured server CPU per request. */
  readonly measured: { readonly plain: number; readonly guarded: number }
}

/**
 * Sums the runs of one case (its rounds).
 *
 * @param runs - At least one run.
 * @returns Self time per function over all runs, with the total requests and CPU.
 * @example
 * const pool = sumRuns(runs.filter((r) => r.variant === 'pool'))
 */
export function sumRuns(runs: readonly ProfiledRun[]): CaseTimes {
  const self = new Map<string, SelfTime>()
  let requests = 0
  let cpuMicros = 0
  for (const run of runs) {
    requests += run.requests
    cpuMicros += run.cpuMicros
    for (const [key, time] of selfTimes(run.profile)) {
      self.set(key, { frame: time.frame, micros: (self.get(key)?.micros ?? 0) + time.micros })
    }
  }
  return { self, requests, cpuMicros }
}

/**
 * Compares two cases per request: every function sampled in either, with its group.
 *
 * @param plain - The plain case.
 * @param guarded - The protected case.
 * @returns The rows (unsorted) and the totals.
 * @throws {Error} when a case has no requests.
 * @example
 * const diff = diffCases(sumRuns(plainRuns), sumRuns(poolRuns))
 */
export function diffCases(plain: CaseTimes, guarded: CaseTimes): ProfileDiff {
  if (plain.requests <= 0 || guarded.requests <= 0) throw new Error('a profiled case has no requests')
  const rows: DiffRow[] = []
  const profiled = { plain: 0, guarded: 0 }
  for (const key of new Set([...plain.self.keys(), ...guarded.self.keys()])) {
    const frame = (plain.self.get(key) ?? guarded.self.get(key))!.frame
    const origin = frameOrigin(frame)
    const row: DiffRow = {
      name: frame.functionName === '' ? '(anonymous)' : frame.functionName,
      location: origin.location,
      packageName: origin.packageName,
      group: origin.group,
      plain: (plain.self.get(key)?.micros ?? 0) / plain.requests,
      guarded: (guarded.self.get(key)?.micros ?? 0) / guarded.requests,
    }
    rows.push(row)
    if (row.group === 'idle') continue
    profiled.plain += row.plain
    profiled.guarded += row.guarded
  }
  return {
    rows,
    profiled,
    measured: { plain: plain.cpuMicros / plain.requests, guarded: guarded.cpuMicros / guarded.requests },
  }
}

const GROUP_LABELS: Readonly<Record<FrameGroup, string>> = {
  ours: 'ours (@m2m-guard/*)',
  framework: 'framework (its packages)',
  node: 'Node internals (node:*)',
  gc: 'GC (V8)',
  native: 'native: (program) (libuv, llhttp) and C++ bindings (writev: the socket write)',
  bench: 'bench app (route handler)',
  other: 'other',
  idle: '(idle), not counted',
}

function signed(value: number): string {
  return `${value >= 0 ? '+' : '−'}${formatMicros(Math.abs(value))}`
}

/** Display settings of {@link renderDiff}. */
export interface RenderSettings {
  /** Functions listed per group at most (largest |Δ| first); the rest are summed in one row. */
  readonly perGroup: number
  /** Functions whose |Δ| is below this many µs/request are summed in that row too. */
  readonly minDelta: number
}

/**
 * The diff as a markdown table: per group a subtotal, then its functions with the largest differences; closed by
 * the profiled total, the measured server CPU, and the residual, so the last column adds up to the measured
 * difference. The residual is what the main thread's samples cannot see: other threads (GC helpers, the profiler's
 * own), and native work inside libuv's poll phase (the socket reads), which V8 samples as `(idle)`; on a busy
 * machine also time the thread was descheduled (sampled, but not CPU), which makes it smaller.
 *
 * @param diff - From {@link diffCases}.
 * @param settings - How many functions to list.
 * @returns The table.
 * @example
 * console.log(renderDiff(diff, { perGroup: 8, minDelta: 0.05 }))
 */
export function renderDiff(diff: ProfileDiff, settings: RenderSettings): string {
  const table: string[][] = []
  const cells = (label: string, where: string, pkg: string, plain: number, guarded: number): string[] => [
    label,
    where,
    pkg,
    formatMicros(plain),
    formatMicros(guarded),
    signed(guarded - plain),
  ]
  for (const group of FRAME_GROUPS) {
    if (group === 'idle') continue
    const rows = diff.rows.filter((row) => row.group === group)
    if (rows.length === 0) continue
    const sum = (pick: (row: DiffRow) => number, of: readonly DiffRow[]): number =>
      of.reduce((total, row) => total + pick(row), 0)
    table.push(
      cells(
        `**${GROUP_LABELS[group]}**`,
        '',
        '',
        sum((r) => r.plain, rows),
        sum((r) => r.guarded, rows),
      ).map((c, i) => (i >= 3 ? `**${c}**` : c)),
    )
    const sorted = [...rows].sort((a, b) => Math.abs(b.guarded - b.plain) - Math.abs(a.guarded - a.plain))
    const shown = sorted
      .slice(0, settings.perGroup)
      .filter((row) => Math.abs(row.guarded - row.plain) >= settings.minDelta)
    for (const row of shown) table.push(cells(`  ${row.name}`, row.location, row.packageName, row.plain, row.guarded))
    const rest = sorted.filter((row) => !shown.includes(row))
    if (rest.length > 0) {
      table.push(
        cells(
          `  (${rest.length} other functions)`,
          '',
          '',
          sum((r) => r.plain, rest),
          sum((r) => r.guarded, rest),
        ),
      )
    }
  }
  const { profiled, measured } = diff
  table.push(cells('**profiled CPU (sampled, idle excluded)**', '', '', profiled.plain, profiled.guarded))
  table.push(
    cells(
      'residual (measured − profiled: other threads; reads in the poll phase, sampled as idle)',
      '',
      '',
      measured.plain - profiled.plain,
      measured.guarded - profiled.guarded,
    ),
  )
  table.push(
    cells('**measured server CPU (user + sys)**', '', '', measured.plain, measured.guarded).map((c, i) =>
      i >= 3 ? `**${c}**` : c,
    ),
  )
  return markdownTable(
    ['function', 'file:line', 'package', 'plain µs/req', 'protected µs/req', 'Δ µs/req'],
    'lllrrr',
    table,
  )
}
