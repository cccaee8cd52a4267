import { describe, expect, it } from 'vitest'
import { createStytchVerifier, type M2MAuthError } from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'
import { checkSync } from '../helpers/verifier-check.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-cache')

async function failure(promise: Promise<unknown>): Promise<M2MAuthError> {
  try {
    await promise
  } catch (error) {
    return error as M2MAuthError
  }
  throw new Error('expected a rejection')
}

function setup(tokenCache?: false | { max: number }) {
  const state = { now: NOW }
  const jwks = new StaticJwks(key)
  let peeks = 0
  const peekKey = jwks.peekKey.bind(jwks)
  jwks.peekKey = (kid) => {
    peeks++
    return peekKey(kid)
  }
  const verifier = createStytchVerifier({
    projectId: PROJECT_ID,
    jwks,
    clock: () => state.now * 1000,
    ...(tokenCache === undefined ? {} : { tokenCache }),
  })
  return { state, jwks, verifier, peeks: () => peeks }
}

describe('verified-token cache', () => {
  it('returns the same frozen result for a token seen before', async () => {
    const { verifier } = setup()
    const token = stytchToken(key, NOW)
    const first = await verifier.verify(token)
    expect(await verifier.verify(token)).toBe(first)
  })

  it('re-verifies every time when turned off', async () => {
    const { verifier } = setup(false)
    const token = stytchToken(key, NOW)
    expect(await verifier.verify(token)).not.toBe(await verifier.verify(token))
  })

  it('rejects a token with a copied signature and an altered payload while the original is cached', async () => {
    const { verifier } = setup()
    const token = stytchToken(key, NOW, { scope: 'read:users' })
    await verifier.verify(token)
    const [h, p, s] = token.split('.') as [string, string, string]
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString())
    const altered = Buffer.from(JSON.stringify({ ...payload, scope: 'admin:*' })).toString('base64url')
    expect((await failure(verifier.verify(`${h}.${altered}.${s}`))).code).toBe('ERR_TOKEN_SIGNATURE')
    // One changed character anywhere is a different cache key.
    const flipped = `${token.slice(0, -2)}${token.at(-2) === 'A' ? 'B' : 'A'}${token.at(-1)}`
    expect((await failure(verifier.verify(flipped))).code).toBe('ERR_TOKEN_SIGNATURE')
    await expect(verifier.verify(token)).resolves.toBeDefined()
  })

  it('still checks expiry on a cache hit, and never serves an entry past exp', async () => {
    const { verifier, state } = setup()
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    state.now = NOW + 3600 + 5
    expect((await failure(verifier.verify(token))).code).toBe('ERR_TOKEN_EXPIRED')
    state.now = NOW
    // The expired entry was dropped: the token is verified again from scratch (and passes at that time).
    await expect(verifier.verify(token)).resolves.toBeDefined()
  })

  it('still checks maxTokenAge and scopes on a cache hit', async () => {
    const { verifier, state } = setup()
    const token = stytchToken(key, NOW, { scope: 'read:users' })
    await verifier.verify(token, { requiredScopes: ['read:users'] })
    expect((await failure(verifier.verify(token, { requiredScopes: ['write:users'] }))).code).toBe(
      'ERR_INSUFFICIENT_SCOPE',
    )
    state.now = NOW + 120
    expect((await failure(verifier.verify(token, { maxTokenAge: 60 }))).code).toBe('ERR_TOKEN_TOO_OLD')
    await expect(verifier.verify(token, { maxTokenAge: 121 })).resolves.toBeDefined()
  })

  it('drops entries signed by a key the JWKS no longer lists', async () => {
    const { verifier, jwks } = setup()
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    jwks.remove(key.kid)
    expect((await failure(verifier.verify(token))).code).toBe('ERR_TOKEN_KEY_NOT_FOUND')
  })

  it('drops entries whose kid now names different key material', async () => {
    const { verifier, jwks } = setup()
    const token = stytchToken(key, NOW)
    await verifier.verify(token)
    jwks.remove(key.kid)
    jwks.add(makeKey(key.kid))
    expect((await failure(verifier.verify(token))).code).toBe('ERR_TOKEN_SIGNATURE')
  })

  it('keeps at most max entries and stores nothing for invalid tokens', async () => {
    const { verifier } = setup({ max: 2 })
    const tokens = [1, 2, 3].map((i) => stytchToken(key, NOW, { jti: String(i) }))
    const results = []
    for (const token of tokens) results.push(await verifier.verify(token))
    // The first one was evicted: verifying it again builds a new result object.
    expect(await verifier.verify(tokens[0] as string)).not.toBe(results[0])
    expect(await verifier.verify(tokens[2] as string)).toBe(results[2])
    // A token that failed is never cached: it fails again, every time.
    const bad = (tokens[1] as string).replace(/\.[^.]*$/, '.AAAA')
    for (let i = 0; i < 3; i++) expect((await failure(verifier.verify(bad))).code).toBe('ERR_TOKEN_SIGNATURE')
  })
})

describe('the value-or-promise check of the adapter kit', () => {
  it('answers only from the cache: undefined for a token never verified, the result once it was', async () => {
    const { verifier } = setup()
    const token = stytchToken(key, NOW)
    expect(checkSync(verifier, `Bearer ${token}`)).toBeUndefined()
    const auth = await verifier.authenticate(`Bearer ${token}`)
    expect(checkSync(verifier, `Bearer ${token}`, { requiredScopes: ['read:users'] })).toBe(auth)
  })

  it('throws what authenticate would reject with, synchronously', async () => {
    const { verifier, state } = setup()
    const token = stytchToken(key, NOW, { scope: 'read:users' })
    await verifier.authenticate(`Bearer ${token}`)
    const codeOf = (fn: () => unknown): string | undefined => {
      try {
        fn()
      } catch (error) {
        return (error as M2MAuthError).code
      }
      return undefined
    }
    expect(codeOf(() => checkSync(verifier, `Bearer ${token}`, { requiredScopes: ['write:users'] }))).toBe(
      'ERR_INSUFFICIENT_SCOPE',
    )
    expect(codeOf(() => checkSync(verifier, undefined))).toBe('ERR_MISSING_TOKEN')
    expect(codeOf(() => checkSync(verifier, [`Bearer ${token}`, `Bearer ${token}`]))).toBe('ERR_INVALID_REQUEST')
    expect(checkSync(verifier, undefined, { required: false })).toBeNull()
    state.now = NOW + 3600 + 5
    expect(codeOf(() => checkSync(verifier, `Bearer ${token}`, { realm: 'x' }))).toBe('ERR_TOKEN_EXPIRED')
  })

  it('still refuses a cached token wrapped in a malformed header', async () => {
    const { verifier } = setup()
    const token = stytchToken(key, NOW)
    await verifier.authenticate(`Bearer ${token}`)
    expect((await failure(verifier.authenticate(`Bearer ${token} x`))).code).toBe('ERR_INVALID_REQUEST')
    expect(() => checkSync(verifier, `Bearer ${token} x`)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_REQUEST' }),
    )
  })
})
