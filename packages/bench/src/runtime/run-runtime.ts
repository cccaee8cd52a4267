import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { formatCount, formatRatio, markdownTable } from '../report/format.js'
import type { Goal, SectionResult } from '../report/goal.js'
import { median, range } from '../report/stats.js'
import { BUN_ENTRY, DENO_ENTRY, MINIMAL_HONO_WORKER, MINIMAL_WORKER, NODE_ENTRY, WORKER_ENTRY } from './entries.js'
import { type BenchRuntime, launch } from './launch.js'

const here = dirname(fileURLToPath(import.meta.url))
const CASES = ['floor', 'minimal', 'first-seen', 'cached'] as const
type CaseId = (typeof CASES)[number]

/** Settings of {@link runRuntime}. */
export interface RuntimeBenchOptions {
  readonly rounds: number
  /** Wall time each timed request should take, so HTTP overhead is small against it. */
  readonly requestMs: number
  readonly log: (line: string) => void
}

async function bundle(contents: string, outfile: string, minify: boolean): Promise<Uint8Array> {
  // `platform: 'neutral'` with the worker conditions: nothing of Node is pulled in (core finds `node:crypto` at run
  // time through `process.getBuiltinModule`, and uses WebCrypto where that is missing).
  const result = await build({
    stdin: { contents, resolveDir: here, loader: 'js', sourcefile: 'entry.js' },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import'],
    external: ['node:*'],
    minify,
    write: outfile !== '',
    logLevel: 'error',
  })
  return result.outputFiles?.[0]?.contents ?? new Uint8Array()
}

/**
 * Bytes of the smallest Workers that verify tokens (`@m2m-guard/web`, and `@m2m-guard/hono` with Hono), bundled with
 * esbuild, minified, and gzipped as Cloudflare counts its limit.
 *
 * @returns A markdown table.
 */
export async function workerBundleSizes(): Promise<string> {
  const rows: string[][] = []
  for (const [name, entry] of [
    ['`withM2M` (`@m2m-guard/web`)', MINIMAL_WORKER],
    ['Hono + `m2mAuth` (`@m2m-guard/hono`)', MINIMAL_HONO_WORKER],
  ] as const) {
    const bytes = await bundle(entry, '', true)
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`
    rows.push([name, kib(bytes.length), kib(gzipSync(bytes).length)])
  }
  return markdownTable(['minimal Worker', 'minified', 'minified + gzip'], 'lrr', rows)
}

async function timeRequest(port: number, id: CaseId, n: number): Promise<number> {
  const started = performance.now()
  const response = await fetch(`http://127.0.0.1:${port}/run?case=${id}&n=${n}`)
  if (!response.ok) throw new Error(`${id}: HTTP ${response.status} ${await response.text()}`)
  await response.arrayBuffer()
  return performance.now() - started
}

/** The count of operations that makes one request of `id` last about `targetMs`. */
async function calibrate(port: number, id: CaseId, targetMs: number, overheadMs: number): Promise<number> {
  let n = 8
  for (;;) {
    const ms = (await timeRequest(port, id, n)) - overheadMs
    if (ms >= targetMs / 4 || n >= 1 << 24) return Math.max(1, Math.round((n * targetMs) / Math.max(ms, 0.001)))
    n *= 4
  }
}

/**
 * The per-runtime micro-benchmark: the bench app (WebCrypto-generated RS256 key, 256 Stytch-shaped tokens, keys
 * seeded through `jwks.initial`) runs inside the runtime; each timed request runs a calibrated number of
 * operations back to back, timed from here minus the empty request's time (workerd's own clock stands still while
 * code runs). Rounds interleave the floor, the minimal reference, first-seen and cached; ratios are per round, then
 * the median.
 *
 * @param runtime - Which runtime.
 * @param options - Rounds, request length, logger.
 * @returns The markdown and the goals (first-seen ≥ 0.80 of the floor, cached ≥ 10× the floor).
 */
export async function runRuntime(runtime: BenchRuntime, options: RuntimeBenchOptions): Promise<SectionResult> {
  const dir = await mkdtemp(join(tmpdir(), `m2m-guard-bench-${runtime}-`))
  try {
    const entry = { node: NODE_ENTRY, bun: BUN_ENTRY, deno: DENO_ENTRY, workerd: WORKER_ENTRY }[runtime]
    await bundle(entry, join(dir, 'bench.mjs'), false)
    const launched = await launch(runtime, dir)
    try {
      const info = (await (await fetch(`http://127.0.0.1:${launched.port}/info`)).json()) as { floorKind: string }
      const overheads: number[] = []
      for (let i = 0; i < 20; i++) overheads.push(await timeRequest(launched.port, 'floor', 0))
      const overheadMs = median(overheads)
      const counts = {} as Record<CaseId, number>
      for (const id of CASES) counts[id] = await calibrate(launched.port, id, options.requestMs, overheadMs)
      options.log(`${runtime}: ${CASES.map((id) => `${id} ${counts[id]} ops/request`).join(', ')}`)
      const rates: Record<CaseId, number[]> = { floor: [], minimal: [], 'first-seen': [], cached: [] }
      const ratios: Record<Exclude<CaseId, 'floor'>, number[]> = { minimal: [], 'first-seen': [], cached: [] }
      for (let round = 0; round < options.rounds; round++) {
        const order = [...CASES.slice(round % CASES.length), ...CASES.slice(0, round % CASES.length)]
        const rate = {} as Record<CaseId, number>
        for (const id of order) {
          const ms = (await timeRequest(launched.port, id, counts[id])) - overheadMs
          rate[id] = (counts[id] * 1000) / Math.max(ms, 0.001)
          rates[id].push(rate[id])
        }
        ratios.minimal.push(rate.minimal / rate.floor)
        ratios['first-seen'].push(rate['first-seen'] / rate.floor)
        ratios.cached.push(rate.cached / rate.floor)
      }
      const row = (id: CaseId, name: string): string[] => {
        const ops = median(rates[id])
        if (id === 'floor') return [name, formatCount(ops), (1e6 / ops).toFixed(1), '1.00']
        const [low, high] = range(ratios[id])
        return [
          name,
          formatCount(ops),
          (1e6 / ops).toFixed(2),
          `${formatRatio(median(ratios[id]))} (${formatRatio(low)}–${formatRatio(high)})`,
        ]
      }
      const table = markdownTable(['case', 'ops/s', 'µs/op', 'ratio to floor (range)'], 'lrrr', [
        row('floor', `floor: ${info.floorKind} on the signature only`),
        row('minimal', 'reference: minimal JWS check (split, decode, verify, parse; no checks)'),
        row('first-seen', '@m2m-guard/core first-seen (token cache off)'),
        row('cached', '@m2m-guard/core cached (hit; time + scope checks)'),
      ])
      const firstSeen = median(ratios['first-seen'])
      const cached = median(ratios.cached)
      const goals: Goal[] = [
        {
          name: `${runtime}: first-seen vs floor`,
          target: '≥ 0.80',
          measured: formatRatio(firstSeen),
          met: firstSeen >= 0.8,
        },
        { name: `${runtime}: cached vs floor`, target: '≥ 10×', measured: `${cached.toFixed(1)}×`, met: cached >= 10 },
      ]
      const sizes = await workerBundleSizes()
      return { markdown: `${table}\n\n${sizes}`, goals }
    } finally {
      await launched.stop()
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
