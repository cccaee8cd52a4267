import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Result } from 'autocannon'
import { forkWorker } from '../fixtures/fork-worker.js'
import type { SigningKey } from '../fixtures/signing-key.js'
import { mintTokens } from '../fixtures/tokens.js'
import { formatCount, formatMicros, formatRatio, markdownTable } from '../report/format.js'
import type { Goal, SectionResult } from '../report/goal.js'
import { median, range } from '../report/stats.js'
import { checkServers } from './check-servers.js'
import { caseKey, FRAMEWORKS, type Framework, type HttpCase, type ServerReply, VARIANTS } from './http-case.js'
import { CONNECTIONS, type LoadBudget, load } from './load.js'
import { type ManifestEntry, writeManifest } from './profile-files.js'

/** Settings of the HTTP section. */
export interface HttpSettings {
  readonly rounds: number
  /** Load per case and round. */
  readonly budget: LoadBudget
  /** Load per case before the first round (JIT warm-up), or `undefined` for none. */
  readonly warmup: LoadBudget | undefined
  /** Distinct tokens for the `distinct` variant; above the token-cache size (1000), every request is a miss. */
  readonly distinctTokens: number
  /** Frameworks to load (all servers start and are checked regardless). */
  readonly frameworks: readonly Framework[]
  /**
   * Directory for one CPU profile of the server process per case and round (plus `manifest.json` with each run's
   * requests and CPU), or `undefined` for none.
   */
  readonly profileDir: string | undefined
  readonly log: (line: string) => void
}

interface Running extends HttpCase {
  readonly port: number
  readonly tokens: readonly string[]
  readonly cursor: { index: number }
  readonly rps: number[]
  /** Server CPU per request, user and system, in microseconds. */
  readonly cpuPerRequest: NodeJS.CpuUsage[]
  readonly p99: number[]
  readonly ratios: number[]
  readonly cpuRatios: number[]
}

const POOL_SIZE = 16
const GOALS = { express: 0.95, koa: 0.9, fastify: 0.9, 'nest-express': 0.9 } as const
const VARIANT_LABELS = {
  plain: 'plain (no auth)',
  pool: 'protected, 16 tokens rotated',
  fused: 'protected, 16 tokens, scope as an m2mAuth/plugin option (one step)',
  distinct: 'protected, every request a new token',
} as const

function assertClean(httpCase: HttpCase, result: Result): void {
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result.requests.total === 0) {
    throw new Error(
      `${caseKey(httpCase)}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts of ` +
        `${result.requests.total} requests: a benchmark must not time failures`,
    )
  }
}

function render(cases: readonly Running[]): string {
  const rows = cases.map((c) => {
    const [low, high] = range(c.ratios)
    return [
      c.framework,
      VARIANT_LABELS[c.variant],
      formatCount(median(c.rps)),
      `${formatMicros(median(c.cpuPerRequest.map((u) => u.user + u.system)))} (${formatMicros(
        median(c.cpuPerRequest.map((u) => u.user)),
      )} + ${formatMicros(median(c.cpuPerRequest.map((u) => u.system)))})`,
      median(c.p99).toFixed(0),
      `**${formatRatio(median(c.ratios))}**`,
      `${formatRatio(low)}–${formatRatio(high)}`,
      formatRatio(median(c.cpuRatios)),
    ]
  })
  return markdownTable(
    [
      'framework',
      'case',
      'req/s (median)',
      'server CPU µs/req (user + sys)',
      'p99 ms',
      'ratio to plain',
      'ratio range',
      'CPU ratio',
    ],
    'llrrrrrr',
    rows,
  )
}

function goals(cases: readonly Running[]): Goal[] {
  return cases
    .filter((c) => c.variant === 'pool')
    .map((c) => {
      const ratio = median(c.ratios)
      return {
        name: `HTTP: ${c.framework} + adapter (16-token pool) vs plain ${c.framework}, req/s`,
        target: `≥ ${GOALS[c.framework].toFixed(2)}`,
        measured: `${formatRatio(ratio)} (CPU ratio ${formatRatio(median(c.cpuRatios))})`,
        met: ratio >= GOALS[c.framework],
      }
    })
}

/**
 * The HTTP section: all servers in one child process (so autocannon, in this process, gets the other core), each
 * checked, warmed up, then loaded in interleaved rounds, a framework's servers back to back; ratios are per round
 * against the same framework's plain server, for throughput and for the server's CPU per request.
 *
 * @param key - The signing key (sent to the server worker).
 * @param settings - Rounds and budgets.
 * @returns The markdown table and the goals.
 * @throws {Error} when a check fails or a loaded server answers anything but 2xx.
 */
export async function runHttp(key: SigningKey, settings: HttpSettings): Promise<SectionResult> {
  const { log } = settings
  const pool = mintTokens(key, POOL_SIZE)
  const distinct = mintTokens(key, settings.distinctTokens)
  log(`http: minted ${formatCount(POOL_SIZE + settings.distinctTokens)} tokens`)
  const { profileDir } = settings
  if (profileDir !== undefined) await mkdir(profileDir, { recursive: true })
  const profiled: ManifestEntry[] = []
  const worker = forkWorker<ServerReply>(new URL('./server-worker.js', import.meta.url))
  try {
    const reply = await worker.request({ type: 'start', kid: key.kid, pem: key.pem })
    if (!('ports' in reply)) throw new Error('server worker sent no ports')
    const cases: Running[] = FRAMEWORKS.flatMap((framework) =>
      VARIANTS.map((variant) => ({
        framework,
        variant,
        port: reply.ports[caseKey({ framework, variant })]!,
        tokens: variant === 'distinct' ? distinct : pool,
        cursor: { index: 0 },
        rps: [],
        cpuPerRequest: [],
        p99: [],
        ratios: [],
        cpuRatios: [],
      })),
    )
    await checkServers(cases, pool[0]!)
    log('http: every server checked (200 valid, 401 bad signature, 401 no token)')
    const serverCpu = async (): Promise<NodeJS.CpuUsage> => {
      const answer = await worker.request({ type: 'cpu' })
      if (!('cpu' in answer)) throw new Error('server worker sent no CPU usage')
      return answer.cpu
    }
    const { warmup } = settings
    const frameworks = FRAMEWORKS.filter((f) => settings.frameworks.includes(f))
    const loaded = cases.filter((c) => frameworks.includes(c.framework))
    if (warmup !== undefined) {
      for (const c of loaded) assertClean(c, await load(c.port, c.tokens, c.cursor, warmup))
      log('http: warm-up done')
    }
    for (let round = 0; round < settings.rounds; round++) {
      // A framework's three servers run back to back (order rotated each round), so each protected run is compared
      // with a plain run of the same framework a few seconds away.
      for (let f = 0; f < frameworks.length; f++) {
        const framework = frameworks[(f + round) % frameworks.length]!
        const group = loaded.filter((c) => c.framework === framework)
        const rps = new Map<Running, number>()
        const cpu = new Map<Running, NodeJS.CpuUsage>()
        for (let v = 0; v < group.length; v++) {
          const c = group[(v + round) % group.length]!
          // The profiler runs around the CPU readings, so a profile's time contains the measured run's.
          if (profileDir !== undefined) await worker.request({ type: 'profile-start' })
          const before = await serverCpu()
          const result = await load(c.port, c.tokens, c.cursor, settings.budget)
          const after = await serverCpu()
          assertClean(c, result)
          const requests = result.requests.total
          if (profileDir !== undefined) {
            const file = `${caseKey(c)}.r${round + 1}.cpuprofile`
            await worker.request({ type: 'profile-stop', file: join(profileDir, file) })
            const cpuMicros = after.user - before.user + after.system - before.system
            profiled.push({ framework: c.framework, variant: c.variant, round: round + 1, file, requests, cpuMicros })
          }
          rps.set(c, requests / result.duration)
          cpu.set(c, { user: (after.user - before.user) / requests, system: (after.system - before.system) / requests })
          c.p99.push(result.latency.p99)
        }
        const plain = group.find((c) => c.variant === 'plain')!
        const total = (usage: NodeJS.CpuUsage): number => usage.user + usage.system
        for (const c of group) {
          c.rps.push(rps.get(c)!)
          c.cpuPerRequest.push(cpu.get(c)!)
          c.ratios.push(rps.get(c)! / rps.get(plain)!)
          c.cpuRatios.push(total(cpu.get(plain)!) / total(cpu.get(c)!))
        }
      }
      if (profileDir !== undefined) await writeManifest(profileDir, profiled)
      log(`http round ${round + 1}/${settings.rounds} done`)
    }
    const note = `Load: autocannon, ${CONNECTIONS} connections, pipelining 1, ${
      'seconds' in settings.budget ? `${settings.budget.seconds} s` : `${settings.budget.requests} requests`
    } per case per round, ${settings.rounds} round(s); distinct-token pool: ${formatCount(settings.distinctTokens)}.`
    return { markdown: `${note}\n\n${render(loaded)}`, goals: goals(loaded) }
  } finally {
    await worker.stop()
  }
}
