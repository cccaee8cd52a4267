import { parseArgs } from 'node:util'
import { FRAMEWORKS, type Framework } from '../http/http-case.js'
import { BENCH_RUNTIMES, type BenchRuntime } from '../runtime/launch.js'

/** The sections a run can be limited to. */
export const SECTIONS = ['micro', 'memory', 'http'] as const
export type Section = (typeof SECTIONS)[number]

/** Parsed command line. */
export interface BenchArgs {
  /** Tiny run of every case (seconds, not minutes), checks included; for CI. */
  readonly smoke: boolean
  readonly sections: readonly Section[]
  /** Micro rounds. */
  readonly rounds: number
  /** Micro slice per case and round, in milliseconds. */
  readonly sliceMs: number
  /** HTTP rounds. */
  readonly httpRounds: number
  /** HTTP seconds per case and round. */
  readonly httpSeconds: number
  /** Micro case ids to run (the floor always runs); empty for all. */
  readonly cases: readonly string[]
  /** HTTP frameworks to load; all by default. */
  readonly httpFrameworks: readonly Framework[]
  /** Directory for per-case CPU profiles of the HTTP server process, or `undefined`. */
  readonly serverProfileDir: string | undefined
  /** `--runtime`: run the per-runtime micro-benchmark on this runtime instead of the sections. */
  readonly runtime: BenchRuntime | undefined
}

export const USAGE = `Usage: node --expose-gc dist/run.js [options]
  --smoke              every case, a few iterations each, checks included (CI)
  --only <sections>    comma-separated: micro, memory, http (default: all)
  --rounds <n>         micro: interleaved rounds (default 10)
  --slice <ms>         micro: time per case per round, and for its paired floor slice (default 150)
  --case <ids>         micro: comma-separated case ids (the floor always runs)
  --http-rounds <n>    http: interleaved rounds (default 10)
  --http-seconds <s>   http: seconds per case per round (default 1.5)
  --http-frameworks <names>  http: comma-separated: express, koa, fastify, nest-express (default: all)
  --server-prof <dir>  http: one CPU profile of the server process per case and round in <dir> (with
                       manifest.json), and per framework a table of protected vs plain self CPU per request
                       (again later: pnpm --filter @m2m-guard/bench profile-diff <dir>)
  --runtime <name>     node, bun, deno or workerd: the per-runtime micro-benchmark (first-seen and cached vs that
                       runtime's own bare signature verification) and the minimal Worker bundle size
  --help`

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value)
  if (!Number.isFinite(number) || number <= 0) throw new Error(`--${name} must be a positive number, got "${value}"`)
  return number
}

function list(value: string | undefined): string[] {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((s) => s.trim())
        .filter((s) => s !== '')
}

/**
 * Parses the bench's command line.
 *
 * @param argv - Arguments after the script.
 * @returns The settings, or `undefined` when `--help` was asked for.
 * @throws {Error} for an unknown option or a bad value.
 */
export function parseBenchArgs(argv: readonly string[]): BenchArgs | undefined {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      rounds: { type: 'string' },
      slice: { type: 'string' },
      case: { type: 'string' },
      'http-rounds': { type: 'string' },
      'http-seconds': { type: 'string' },
      'http-frameworks': { type: 'string' },
      'server-prof': { type: 'string' },
      runtime: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) return undefined
  const only = list(values.only)
  for (const section of only) {
    if (!(SECTIONS as readonly string[]).includes(section)) {
      throw new Error(`--only takes ${SECTIONS.join(', ')}; got "${section}"`)
    }
  }
  const frameworks = list(values['http-frameworks'])
  for (const framework of frameworks) {
    if (!(FRAMEWORKS as readonly string[]).includes(framework)) {
      throw new Error(`--http-frameworks takes ${FRAMEWORKS.join(', ')}; got "${framework}"`)
    }
  }
  const smoke = values.smoke
  const runtime = values.runtime
  if (runtime !== undefined && !(BENCH_RUNTIMES as readonly string[]).includes(runtime)) {
    throw new Error(`--runtime takes ${BENCH_RUNTIMES.join(', ')}; got "${runtime}"`)
  }
  return {
    runtime: runtime as BenchRuntime | undefined,
    smoke,
    sections: only.length === 0 ? SECTIONS : (only as Section[]),
    rounds: Math.round(positive('rounds', values.rounds, smoke ? 1 : 10)),
    sliceMs: positive('slice', values.slice, smoke ? 5 : 150),
    httpRounds: Math.round(positive('http-rounds', values['http-rounds'], 10)),
    httpSeconds: positive('http-seconds', values['http-seconds'], 1.5),
    cases: list(values.case),
    httpFrameworks: frameworks.length === 0 ? FRAMEWORKS : (frameworks as Framework[]),
    serverProfileDir: values['server-prof'],
  }
}
