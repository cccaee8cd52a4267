import { forkWorker } from '../fixtures/fork-worker.js'
import type { SigningKey } from '../fixtures/signing-key.js'
import { formatCount, formatMegabytes, markdownTable } from '../report/format.js'
import type { Goal, SectionResult } from '../report/goal.js'
import { DEFAULT_TOKEN_CACHE_MAX, type MemoryReport, type MemoryScenario } from './memory-scenario.js'

/** Settings of the memory section. */
export interface MemorySettings {
  /** Distinct tokens per scenario (10,000 in a full run). */
  readonly count: number
  /** The bigger token-cache size compared with the default. */
  readonly bigCacheMax: number
  readonly log: (line: string) => void
}

interface Measured {
  readonly scenario: MemoryScenario
  readonly entries: number
  readonly heap: number
  readonly rss: number
}

const MB = 2 ** 20

function scenarios({ count, bigCacheMax }: MemorySettings): MemoryScenario[] {
  const tokens = formatCount(count)
  return [
    { label: `${tokens} valid tokens, token cache off (control)`, count, cacheMax: false, valid: true },
    {
      label: `${tokens} valid tokens, default token cache (${DEFAULT_TOKEN_CACHE_MAX})`,
      count,
      cacheMax: undefined,
      valid: true,
    },
    {
      label: `${tokens} valid tokens, token cache ${formatCount(bigCacheMax)}`,
      count,
      cacheMax: bigCacheMax,
      valid: true,
    },
    {
      label: `${tokens} invalid tokens (bad signature), default token cache`,
      count,
      cacheMax: undefined,
      valid: false,
    },
  ]
}

async function measure(key: SigningKey, scenario: MemoryScenario): Promise<Measured> {
  const worker = forkWorker<MemoryReport>(new URL('./memory-worker.js', import.meta.url), ['--expose-gc'])
  try {
    const report = await worker.request({ kid: key.kid, pem: key.pem, scenario })
    const expected = scenario.valid ? report.accepted : report.rejected
    if (expected !== scenario.count) {
      throw new Error(
        `memory check failed: "${scenario.label}": ${report.accepted} accepted, ${report.rejected} rejected`,
      )
    }
    const max = scenario.cacheMax === undefined ? DEFAULT_TOKEN_CACHE_MAX : scenario.cacheMax
    return {
      scenario,
      entries: scenario.valid && max !== false ? Math.min(max, scenario.count) : 0,
      heap: report.after.heapUsed + report.after.external - report.before.heapUsed - report.before.external,
      rss: report.after.rss - report.before.rss,
    }
  } finally {
    await worker.stop()
  }
}

function goals(results: readonly Measured[]): Goal[] {
  const [, byDefault, , invalid] = results
  if (byDefault === undefined || invalid === undefined) return []
  return [
    {
      name: `Memory: RSS growth, ${formatCount(byDefault.scenario.count)} tokens at the default token-cache size`,
      target: '< 30 MB',
      measured: `${formatMegabytes(byDefault.rss)} MB`,
      met: byDefault.rss < 30 * MB,
    },
    {
      name: `Memory: heap growth after ${formatCount(invalid.scenario.count)} invalid tokens`,
      target: '< 1 MB (nothing measurable)',
      measured: `${formatMegabytes(invalid.heap)} MB`,
      met: invalid.heap < MB,
    },
  ]
}

/**
 * The memory section: each scenario in a fresh child process (`--expose-gc`), heap and RSS compared before and
 * after verifying the tokens, garbage collected both times.
 *
 * @param key - The signing key (sent to the children).
 * @param settings - Token count and cache sizes.
 * @returns The markdown table and the goals.
 * @throws {Error} when a valid token is rejected or an invalid one accepted.
 */
export async function runMemory(key: SigningKey, settings: MemorySettings): Promise<SectionResult> {
  const results: Measured[] = []
  for (const scenario of scenarios(settings)) {
    results.push(await measure(key, scenario))
    settings.log(`memory: ${scenario.label} done`)
  }
  const rows = results.map(({ scenario, entries, heap, rss }) => [
    scenario.label,
    formatCount(entries),
    formatMegabytes(heap),
    formatMegabytes(rss),
    entries === 0 ? '–' : formatCount(heap / entries),
  ])
  return {
    markdown: markdownTable(
      ['scenario', 'cached entries', 'heap + external growth (MB)', 'RSS growth (MB)', 'heap bytes per entry'],
      'lrrrr',
      rows,
    ),
    goals: goals(results),
  }
}
