import { describe, expect, it } from 'vitest'
import {
  createRevocationList,
  createStytchVerifier,
  type M2MAuthError,
  type RevocationEvent,
  type RevocationSource,
  tokenRevocation,
  tokenSha256,
} from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'
import { checkSync } from '../helpers/verifier-check.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const iso = (seconds: number): string => new Date(seconds * 1000).toISOString()

async function failure(promise: Promise<unknown>): Promise<M2MAuthError> {
  try {
    await promise
  } catch (error) {
    return error as M2MAuthError
  }
  throw new Error('expected a rejection')
}

function setup(extra: { tokenCache?: false } = {}) {
  let now = NOW
  const clock = (): number => now * 1000
  const revocations = createRevocationList({ clock })
  const verifier = createStytchVerifier({
    projectId: PROJECT_ID,
    jwks: new StaticJwks(key),
    clock,
    revocations,
    tokenKinds: ['m2m', 'connected-app'],
    ...extra,
  })
  return { verifier, revocations, advance: (seconds: number) => (now += seconds) }
}

const connectedApp = (overrides: Record<string, unknown> = {}): string =>
  stytchToken(key, NOW, {
    sub: 'user-test-1',
    client_id: 'connected-app-test-a',
    jti: `jti-${Math.random()}`,
    ...overrides,
  })

describe('revocation rules in a verifier', () => {
  it('refuses a client’s tokens issued at or before the cut-off, first-seen and cached, with 401 ERR_TOKEN_REVOKED', async () => {
    const { verifier, revocations } = setup()
    const cached = stytchToken(key, NOW - 10)
    await verifier.verify(cached) // now in the token cache
    revocations.add({ type: 'client', clientId: 'm2m-client-test-1', issuedBefore: iso(NOW) })
    const hit = await failure(verifier.verify(cached))
    expect([hit.code, hit.status, hit.error]).toEqual(['ERR_TOKEN_REVOKED', 401, 'invalid_token'])
    expect(hit.headers['WWW-Authenticate']).toContain('error="invalid_token"')
    expect(() => checkSync(verifier, `Bearer ${cached}`)).toThrow(
      expect.objectContaining({ code: 'ERR_TOKEN_REVOKED' }),
    )
    expect((await failure(verifier.verify(stytchToken(key, NOW)))).code).toBe('ERR_TOKEN_REVOKED') // iat == cut-off
    await expect(verifier.verify(stytchToken(key, NOW + 1))).resolves.toMatchObject({ clientId: 'm2m-client-test-1' })
    await expect(verifier.verify(stytchToken(key, NOW - 10, { sub: 'm2m-client-test-2' }))).resolves.toBeDefined()
  })

  it('re-checks a cached token found clean once a rule is added (the clean-result memo is invalidated)', async () => {
    const { verifier, revocations } = setup()
    revocations.add({ type: 'client', clientId: 'm2m-client-test-other', issuedBefore: NOW })
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    await verifier.verify(token) // checked clean twice against a non-empty list
    revocations.add({ type: 'client', clientId: 'm2m-client-test-1', issuedBefore: NOW })
    expect((await failure(verifier.verify(token))).code).toBe('ERR_TOKEN_REVOKED')
    const replaced = createRevocationList()
    const other = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      revocations: replaced,
    })
    replaced.add({ type: 'client', clientId: 'm2m-client-test-other', issuedBefore: NOW })
    await other.verify(token)
    replaced.replace([
      ['x', { type: 'client', clientId: 'm2m-client-test-1', issuedBefore: new Date(NOW * 1000).toISOString() }],
    ])
    expect((await failure(other.verify(token))).code).toBe('ERR_TOKEN_REVOKED')
  })

  it('defaults issuedBefore to now, and removing the rule lets the cached token through again', async () => {
    const { verifier, revocations } = setup()
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    const id = revocations.add({ type: 'client', clientId: 'm2m-client-test-1' })
    expect(revocations.list()).toEqual([
      {
        id,
        rule: { type: 'client', clientId: 'm2m-client-test-1', issuedBefore: iso(NOW) },
        expiresAt: new Date((NOW + 3900) * 1000),
      },
    ])
    expect((await failure(verifier.verify(token))).code).toBe('ERR_TOKEN_REVOKED')
    expect(revocations.remove(id)).toBe(true)
    await expect(verifier.verify(token)).resolves.toBeDefined()
  })

  it('revokes a Connected App’s tokens by its client_id, not the user’s other apps', async () => {
    const { verifier, revocations } = setup()
    revocations.add({ type: 'client', clientId: 'connected-app-test-a', issuedBefore: NOW })
    expect((await failure(verifier.verify(connectedApp()))).code).toBe('ERR_TOKEN_REVOKED')
    await expect(verifier.verify(connectedApp({ client_id: 'connected-app-test-b' }))).resolves.toBeDefined()
  })

  it('revokes a subject’s Connected Apps tokens, of every app or only of one', async () => {
    const { verifier, revocations } = setup()
    const id = revocations.add({
      type: 'subject',
      subject: 'user-test-1',
      clientId: 'connected-app-test-a',
      issuedBefore: NOW,
    })
    expect((await failure(verifier.verify(connectedApp()))).code).toBe('ERR_TOKEN_REVOKED')
    await expect(verifier.verify(connectedApp({ client_id: 'connected-app-test-b' }))).resolves.toBeDefined()
    await expect(verifier.verify(connectedApp({ sub: 'user-test-2' }))).resolves.toBeDefined()
    revocations.remove(id)
    revocations.add({ type: 'subject', subject: 'user-test-1', issuedBefore: NOW })
    expect((await failure(verifier.verify(connectedApp({ client_id: 'connected-app-test-b' })))).code).toBe(
      'ERR_TOKEN_REVOKED',
    )
    // A subject rule never covers an M2M token, even one of a client whose id is the subject's.
    revocations.add({ type: 'subject', subject: 'm2m-client-test-1', issuedBefore: NOW })
    await expect(verifier.verify(stytchToken(key, NOW))).resolves.toBeDefined()
  })

  it('revokes one token by jti when it has one, else by its SHA-256, and nothing else', async () => {
    const { verifier, revocations } = setup()
    const withJti = stytchToken(key, NOW, { jti: 'leaked-1' })
    const withoutJti = stytchToken(key, NOW, { scope: 'read:users' })
    await verifier.verify(withoutJti)
    expect(tokenRevocation(withJti)).toEqual({ type: 'token', jti: 'leaked-1', expiresAt: NOW + 3600 })
    expect(tokenRevocation(withoutJti)).toEqual({
      type: 'token',
      sha256: tokenSha256(withoutJti),
      tail: withoutJti.slice(-12),
      expiresAt: NOW + 3600,
    })
    revocations.add(tokenRevocation(withJti))
    const byHash = revocations.add(tokenRevocation(withoutJti))
    expect((await failure(verifier.verify(withJti))).code).toBe('ERR_TOKEN_REVOKED')
    expect((await failure(verifier.verify(withoutJti))).code).toBe('ERR_TOKEN_REVOKED')
    // A rule written with the hash alone (no tail) still matches.
    revocations.remove(byHash)
    await expect(verifier.verify(withoutJti)).resolves.toBeDefined()
    revocations.add({ type: 'token', sha256: tokenSha256(withoutJti), expiresAt: NOW + 3600 })
    expect((await failure(verifier.verify(withoutJti))).code).toBe('ERR_TOKEN_REVOKED')
    await expect(verifier.verify(stytchToken(key, NOW, { jti: 'other' }))).resolves.toBeDefined()
    await expect(verifier.verify(stytchToken(key, NOW))).resolves.toBeDefined()
  })

  it('drops rules on their own once no token they cover can be valid', () => {
    const { revocations, advance } = setup()
    revocations.add({ type: 'client', clientId: 'a', issuedBefore: NOW })
    revocations.add({ type: 'token', jti: 'j', expiresAt: NOW + 60 })
    advance(60 + 300)
    expect(revocations.list().map((e) => e.rule.type)).toEqual(['client'])
    advance(3600 - 60)
    expect(revocations.list()).toEqual([])
  })

  it('refuses invalid rules with a TypeError, unknown fields included', () => {
    const revocations = createRevocationList()
    const bad: unknown[] = [
      { type: 'client', clientID: 'x' },
      { type: 'client', clientId: '' },
      { type: 'client', clientId: 'x', issuedBefore: '2026-12-03 18:00' },
      { type: 'token', jti: 'a', sha256: 'b', expiresAt: 1 },
      { type: 'token', sha256: 'short', expiresAt: 1 },
      { type: 'everything' },
    ]
    for (const rule of bad) expect(() => revocations.add(rule as never)).toThrow(TypeError)
    expect(revocations.size).toBe(0)
  })

  it('replace() applies a snapshot, refuses bad rules by id and keeps the last good version of a refused one', () => {
    const events: RevocationEvent[] = []
    const revocations = createRevocationList({ onEvent: (event) => events.push(event) })
    revocations.replace([
      ['a', { type: 'client', clientId: 'a', issuedBefore: iso(NOW) }],
      ['b', { type: 'client', clientId: 'b', issuedBefore: iso(NOW) }],
    ])
    const result = revocations.replace([
      ['a', { type: 'client', clientId: 'a', issuedBefore: 'yesterday' }],
      ['c', { type: 'client', clientId: 'c', issuedBefore: iso(NOW) }],
      ['d', '{not a rule'],
    ])
    expect(result.refused.map((r) => r.id)).toEqual(['a', 'd'])
    expect(
      revocations
        .list()
        .map((e) => e.id)
        .sort(),
    ).toEqual(['a', 'c'])
    expect(events.filter((e) => e.type === 'rule-refused').map((e) => (e as { id: string }).id)).toEqual(['a', 'd'])
    expect(events.at(-1)).toMatchObject({ type: 'resync', rules: 2, refused: 2 })
  })

  it('refuses a revocations option that is not a source, naming it', () => {
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, revocations: {} as RevocationSource })).toThrow(
      /option "revocations"/,
    )
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, onDecision: 'log' as never })).toThrow(
      /option "onDecision"/,
    )
  })

  it('lets a source that fails closed answer 503 ERR_REVOCATIONS_UNAVAILABLE for cached tokens too', async () => {
    const { RevocationsUnavailableError } = await import('../../src/index.js')
    let down = false
    const source: RevocationSource = {
      check: () => {
        if (down) throw new RevocationsUnavailableError(5)
        return false
      },
      ready: async () => {},
      close: async () => {},
      subscribe: () => () => {},
    }
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      revocations: source,
    })
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    down = true
    const error = await failure(verifier.verify(token))
    expect([error.code, error.status, error.headers['Retry-After'], error.headers['WWW-Authenticate']]).toEqual([
      'ERR_REVOCATIONS_UNAVAILABLE',
      503,
      '5',
      undefined,
    ])
  })
})
