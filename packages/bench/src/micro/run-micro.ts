import { startFakeJwksServer } from '../fixtures/fake-jwks-server.js'
import type { SigningKey } from '../fixtures/signing-key.js'
import { createStaticJwks } from '../fixtures/static-jwks.js'
import { mintTokens, tamperSignature } from '../fixtures/tokens.js'
import { formatCount, formatMicros, formatRatio, markdownTable } from '../report/format.js'
import type { Goal, SectionResult } from '../report/goal.js'
import { median, range } from '../report/stats.js'
import { auth0Case } from './cases/auth0-case.js'
import { awsCases } from './cases/aws-cases.js'
import { coreCases } from './cases/core-cases.js'
import { decodePenaltyCases } from './cases/decode-penalty-cases.js'
import { floorCase } from './cases/floor-case.js'
import { joseCase } from './cases/jose-case.js'
import { referenceCases } from './cases/reference-cases.js'
import { revocationCases } from './cases/revocation-cases.js'
import { stytchCase } from './cases/stytch-case.js'
import { checkCase } from './check-case.js'
import type { MicroCase } from './micro-case.js'
import { type Cursor, type Sample, timeSlice } from './time-slice.js'

/** Settings of the micro section. */
export interface MicroSettings {
  /** Interleaved rounds; each runs every case once. */
  readonly rounds: number
  /** Duration of one case's slice in one round, in milliseconds. */
  readonly sliceMs: number
  /** Distinct tokens cycled through. */
  readonly tokenCount: number
  /** Cases to run (by id); empty for all. The floor always runs. */
  readonly only: readonly string[]
  /** Called with a line of progress. */
  readonly log: (line: string) => void
}

interface CaseResult {
  readonly verifyCase: MicroCase
  readonly samples: Sample[]
  /** ops/s of this case divided by the floor's, per round. */
  readonly ratios: number[]
  /** CPU per op of the floor divided by this case's, per round. */
  readonly cpuRatios: number[]
}

const perSecond = (s: Sample): number => (s.ops * 1000) / s.wallMs
const cpuPerOp = (s: Sample): number => s.cpuUs / s.ops
const collectGarbage = (globalThis as { gc?: () => void }).gc ?? (() => {})

async function buildCases(key: SigningKey, tokens: readonly string[]): Promise<MicroCase[]> {
  const context = { tokens }
  return [
    floorCase(context, key),
    ...referenceCases(context, key),
    ...decodePenaltyCases(context, key),
    ...coreCases(context, createStaticJwks([key.jwk])),
    ...revocationCases(createStaticJwks([key.jwk])),
    ...awsCases(key),
    await joseCase(key),
    stytchCase(),
    auth0Case(),
  ]
}

function render(results: readonly CaseResult[]): string {
  const rows = results.map(({ verifyCase, samples, ratios, cpuRatios }) => {
    const [low, high] = range(ratios)
    return [
      verifyCase.name,
      formatCount(median(samples.map(perSecond))),
      formatMicros(median(samples.map(cpuPerOp))),
      `**${formatRatio(median(ratios))}**`,
      `${formatRatio(low)}–${formatRatio(high)}`,
      formatRatio(median(cpuRatios)),
    ]
  })
  return markdownTable(
    ['case', 'ops/s (median)', 'CPU µs/op (median)', 'ratio to floor', 'ratio range', 'CPU ratio'],
    'lrrrrr',
    rows,
  )
}

function goals(results: readonly CaseResult[]): Goal[] {
  const goal = (id: string, name: string, target: number): Goal[] => {
    const result = results.find((r) => r.verifyCase.id === id)
    if (result === undefined) return []
    const ratio = median(result.ratios)
    return [
      {
        name,
        target: target >= 10 ? `≥ ${target}×` : `≥ ${target.toFixed(2)}`,
        measured: `${formatRatio(ratio)} (CPU ratio ${formatRatio(median(result.cpuRatios))})`,
        met: ratio >= target,
      },
    ]
  }
  return [
    ...goal('core-first-seen', 'Micro: core first-seen (1 in flight) vs floor, ops/s', 0.8),
    ...goal('core-cached', 'Micro: core cached (1 in flight) vs floor, ops/s', 10),
    ...goal('core-cached-rules', 'Micro: core cached with 10,000 revocation rules vs floor, ops/s (issue 18)', 20),
    ...relativeGoal(results, 'core-first-seen-rules', 'core-first-seen', 0.98),
  ]
}

/** Issue 18: a case's ratio to the floor against another case's (first-seen with rules vs without). */
function relativeGoal(results: readonly CaseResult[], id: string, baseId: string, target: number): Goal[] {
  const result = results.find((r) => r.verifyCase.id === id)
  const base = results.find((r) => r.verifyCase.id === baseId)
  if (result === undefined || base === undefined) return []
  const relative = median(result.ratios) / median(base.ratios)
  return [
    {
      name: `Micro: ${id} ratio ÷ ${baseId} ratio (issue 18)`,
      target: `≥ ${target.toFixed(2)}`,
      measured: `${formatRatio(relative)} (${formatRatio(median(result.ratios))} vs ${formatRatio(median(base.ratios))})`,
      met: relative >= target,
    },
  ]
}

/**
 * The micro section: every case checked (valid accepted, bad signature rejected), then timed in interleaved rounds
 * in this process, each round in a rotated order, each case paired with a floor slice timed right before or after
 * it; ratios are the medians of the per-pair ratios.
 *
 * @param key - The signing key.
 * @param settings - Rounds, slice, token count, filter.
 * @returns The markdown table and the goals.
 * @throws {Error} when a case fails its check or rejects a token while timed.
 */
export async function runMicro(key: SigningKey, settings: MicroSettings): Promise<SectionResult> {
  const { log } = settings
  const tokens = mintTokens(key, settings.tokenCount)
  const invalid = tokens.slice(0, 16).map(tamperSignature)
  const jwksServer = startFakeJwksServer([key.jwk])
  try {
    const all = await buildCases(key, tokens)
    const cases = all.filter((c) => c.id === 'floor' || settings.only.length === 0 || settings.only.includes(c.id))
    for (const verifyCase of cases) {
      await checkCase(verifyCase, tokens, invalid)
      log(`checked: ${verifyCase.name}`)
    }
    log(`JWKS fetched ${jwksServer.fetches()} time(s) by the peers that fetch (Stytch SDK, express-oauth2-jwt-bearer)`)

    const [floor, ...others] = cases
    if (floor === undefined) throw new Error('no floor case')
    const floorResult: CaseResult = { verifyCase: floor, samples: [], ratios: [], cpuRatios: [] }
    const results: CaseResult[] = others.map((verifyCase) => ({ verifyCase, samples: [], ratios: [], cpuRatios: [] }))
    const floorCursor: Cursor = { index: 0 }
    const cursors: Cursor[] = others.map(() => ({ index: 0 }))
    const slice = async (verifyCase: MicroCase, cursor: Cursor): Promise<Sample> => {
      collectGarbage()
      return timeSlice(verifyCase, settings.sliceMs, tokens, cursor)
    }
    for (let round = 0; round < settings.rounds; round++) {
      for (let step = 0; step < others.length; step++) {
        // Each case is timed right next to a floor slice (alternating which goes first), and compared with that
        // slice only: load from other processes shifts both sides of a pair alike.
        const at = (step + round) % others.length
        const result = results[at]!
        let floorSample: Sample
        let sample: Sample
        if (round % 2 === 0) {
          floorSample = await slice(floor, floorCursor)
          sample = await slice(result.verifyCase, cursors[at]!)
        } else {
          sample = await slice(result.verifyCase, cursors[at]!)
          floorSample = await slice(floor, floorCursor)
        }
        floorResult.samples.push(floorSample)
        floorResult.ratios.push(1)
        floorResult.cpuRatios.push(1)
        result.samples.push(sample)
        result.ratios.push(perSecond(sample) / perSecond(floorSample))
        result.cpuRatios.push(cpuPerOp(floorSample) / cpuPerOp(sample))
      }
      log(`micro round ${round + 1}/${settings.rounds} done`)
    }
    results.unshift(floorResult)
    for (const verifyCase of cases) await verifyCase.dispose?.()
    return { markdown: render(results), goals: goals(results) }
  } finally {
    jwksServer.close()
  }
}
