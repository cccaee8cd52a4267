import { generateKeyPairSync, sign } from 'node:crypto'
import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import {
  createRevocationList,
  createStytchVerifier,
  DECISION_CHANNEL,
  type Decision,
  type JwksSource,
} from '@m2m-guard/core'
import type { Meter } from '@opentelemetry/api'
import {
  AggregationTemporality,
  type DataPoint,
  type Histogram,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics'
import { afterEach, describe, expect, it } from 'vitest'

// The recipe of the root README's "Observability" section, verbatim but for the meter passed in.
function recordDecisions(meter: Meter): () => void {
  const decisions = meter.createCounter('m2m_guard.decisions', { description: 'Authentication decisions' })
  const duration = meter.createHistogram('m2m_guard.verification.duration', { unit: 'ms' })
  const onDecision = (message: unknown): void => {
    const { outcome, code, cached, durationMs } = message as Decision
    decisions.add(1, { outcome, code: code ?? 'OK', cached })
    duration.record(durationMs, { outcome, cached })
  }
  subscribe(DECISION_CHANNEL, onDecision)
  return () => unsubscribe(DECISION_CHANNEL, onDecision)
}

const PROJECT_ID = 'project-test-11111111-2222-4333-8444-555555555555'
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const jwk = { ...publicKey.export({ format: 'jwk' }), kty: 'RSA' as const, kid: 'k1', alg: 'RS256' } as {
  kty: 'RSA'
  kid: string
  n: string
  e: string
}
const key = { kid: 'k1', jwk }
const jwks: JwksSource = {
  peekKey: (kid) => (kid === 'k1' ? key : undefined),
  getKey: async (kid) => (kid === 'k1' ? key : undefined),
  warm: async () => {},
  stats: () => ({ fetches: 0, failures: 0, staleServed: 0, cooldownHits: 0 }),
}
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
function token(sub: string): string {
  const now = Math.floor(Date.now() / 1000)
  const input = `${b64({ alg: 'RS256', kid: 'k1', typ: 'JWT' })}.${b64({
    sub,
    iss: `stytch.com/${PROJECT_ID}`,
    aud: [PROJECT_ID],
    scope: 'read:users',
    iat: now,
    nbf: now,
    exp: now + 3600,
  })}`
  return `${input}.${sign('sha256', Buffer.from(input), privateKey).toString('base64url')}`
}

describe('the OpenTelemetry recipe', () => {
  let stop = (): void => {}
  afterEach(() => stop())

  it('counts decisions by outcome and code and records verification time', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE)
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 60_000 })
    const provider = new MeterProvider({ readers: [reader] })
    stop = recordDecisions(provider.getMeter('m2m-guard'))

    const revocations = createRevocationList()
    const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks, revocations })
    const good = token('m2m-client-test-good')
    const leaked = token('m2m-client-test-leaked')
    await verifier.verify(good) // allow, first seen
    await verifier.verify(good) // allow, cached
    await verifier.verify(leaked)
    revocations.add({ type: 'client', clientId: 'm2m-client-test-leaked' })
    await verifier.verify(leaked).catch(() => {}) // deny ERR_TOKEN_REVOKED
    await verifier.authenticate(undefined).catch(() => {}) // deny ERR_MISSING_TOKEN

    await reader.forceFlush()
    const metrics = exporter.getMetrics().at(-1)?.scopeMetrics[0]?.metrics ?? []
    const counter = metrics.find((m) => m.descriptor.name === 'm2m_guard.decisions')
    const counts = Object.fromEntries(
      (counter?.dataPoints ?? []).map((p) => [
        `${p.attributes.outcome} ${p.attributes.code} ${p.attributes.cached}`,
        p.value,
      ]),
    )
    expect(counts).toEqual({
      'allow OK false': 2,
      'allow OK true': 1,
      'deny ERR_TOKEN_REVOKED true': 1,
      'deny ERR_MISSING_TOKEN false': 1,
    })
    const histogram = metrics.find((m) => m.descriptor.name === 'm2m_guard.verification.duration')
    const points = (histogram?.dataPoints ?? []) as DataPoint<Histogram>[]
    expect(histogram?.descriptor.unit).toBe('ms')
    expect(points.reduce((sum, p) => sum + p.value.count, 0)).toBe(5)
    await provider.shutdown()
  })
})
