import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { afterEach, describe, expect, it } from 'vitest'
import {
  createRevocationList,
  createStytchVerifier,
  DECISION_CHANNEL,
  type Decision,
  JwksUnavailableError,
} from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'
import { checkSync } from '../helpers/verifier-check.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const clock = (): number => NOW * 1000

describe('decisions', () => {
  const seen: Decision[] = []
  const listener = (message: unknown): void => {
    seen.push(message as Decision)
  }
  afterEach(() => {
    unsubscribe(DECISION_CHANNEL, listener)
    seen.length = 0
  })

  it('publishes each outcome once on the diagnostics channel and to onDecision, never the token', async () => {
    subscribe(DECISION_CHANNEL, listener)
    const viaOption: Decision[] = []
    const revocations = createRevocationList({ clock })
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock,
      revocations,
      onDecision: (decision) => viaOption.push(decision),
    })
    const token = stytchToken(key, NOW)
    await verifier.authenticate(`Bearer ${token}`)
    checkSync(verifier, `Bearer ${token}`) // the adapters' entry: a cache hit, published as such
    await verifier.verify(token, { requiredScopes: ['admin:all'] }).catch(() => {})
    await verifier.authenticate(undefined).catch(() => {})
    revocations.add({ type: 'client', clientId: 'm2m-client-test-1' })
    await verifier.verify(token).catch(() => {})
    await verifier.authenticate(undefined, { required: false }) // no decision: no caller
    expect(viaOption).toEqual(seen)
    expect(seen.map(({ durationMs, ...rest }) => rest)).toEqual([
      { outcome: 'allow', kind: 'm2m', clientId: 'm2m-client-test-1', cached: false },
      { outcome: 'allow', kind: 'm2m', clientId: 'm2m-client-test-1', cached: true },
      { outcome: 'deny', code: 'ERR_INSUFFICIENT_SCOPE', cached: true },
      { outcome: 'deny', code: 'ERR_MISSING_TOKEN', cached: false },
      { outcome: 'deny', code: 'ERR_TOKEN_REVOKED', cached: true },
    ])
    for (const decision of seen) {
      expect(decision.durationMs).toBeGreaterThanOrEqual(0)
      expect(JSON.stringify(decision)).not.toContain(token.slice(-20))
      expect(Object.isFrozen(decision)).toBe(true)
    }
  })

  it('names the app and the user of a Connected Apps token', async () => {
    const decisions: Decision[] = []
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock,
      tokenKinds: ['m2m', 'connected-app'],
      onDecision: (d) => decisions.push(d),
    })
    await verifier.verify(stytchToken(key, NOW, { sub: 'user-test-1', client_id: 'connected-app-test-a', jti: 'j' }))
    expect(decisions).toMatchObject([
      { outcome: 'allow', kind: 'connected-app', clientId: 'connected-app-test-a', subject: 'user-test-1' },
    ])
  })

  it('reports infrastructure failures as error, with their code', async () => {
    const jwks = new StaticJwks()
    jwks.unavailable = true
    const decisions: Decision[] = []
    const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks, clock, onDecision: (d) => decisions.push(d) })
    const error = await verifier.verify(stytchToken(key, NOW)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JwksUnavailableError)
    expect(decisions).toMatchObject([{ outcome: 'error', code: 'ERR_JWKS_UNAVAILABLE', cached: false }])
  })

  it('keeps the outcome when onDecision throws', async () => {
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock,
      onDecision: () => {
        throw new Error('broken logger')
      },
    })
    await expect(verifier.verify(stytchToken(key, NOW))).resolves.toMatchObject({ clientId: 'm2m-client-test-1' })
  })

  it('publishes nothing while nobody listens', async () => {
    const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks: new StaticJwks(key), clock })
    await verifier.verify(stytchToken(key, NOW))
    subscribe(DECISION_CHANNEL, listener)
    await verifier.verify(stytchToken(key, NOW))
    expect(seen).toHaveLength(1)
  })
})
