import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStytchVerifier } from '../../src/index.js'
import { buildAuth } from '../../src/verify/build-auth.js'
import { frozenScopes, frozenSingleton } from '../../src/verify/frozen-lists.js'
import { parseJsonText } from '../../src/verify/json-segment.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-frozen')
const verifier = createStytchVerifier({
  projectId: PROJECT_ID,
  jwks: new StaticJwks(key),
  clock: () => NOW * 1000,
  tokenCache: false,
})

describe('frozen lists shared between results', () => {
  it('two tokens with the same scope claim share one frozen scope list, and one frozen aud', async () => {
    const first = await verifier.verify(stytchToken(key, NOW, { sub: 'm2m-client-test-1' }))
    const second = await verifier.verify(stytchToken(key, NOW, { sub: 'm2m-client-test-2' }))
    expect(first.scopes).toEqual(['read:users', 'write:books'])
    expect(second.scopes).toBe(first.scopes)
    expect(Object.isFrozen(first.scopes)).toBe(true)
    expect(second.claims.aud).toBe(first.claims.aud)
    expect(Object.isFrozen(first.claims.aud)).toBe(true)
    expect(() => (first.scopes as string[]).push('admin:*')).toThrow(TypeError)
  })

  it('a longer audience list is the token’s own, frozen', async () => {
    const auth = await verifier.verify(stytchToken(key, NOW, { aud: [PROJECT_ID, 'another'] }))
    expect(auth.claims.aud).toEqual([PROJECT_ID, 'another'])
    expect(Object.isFrozen(auth.claims.aud)).toBe(true)
  })

  it('splits scopes as parseScopes does, runs of spaces included', () => {
    expect(frozenScopes('read:users  write:users')).toEqual(['read:users', 'write:users'])
    expect(frozenScopes('')).toEqual([])
    expect(frozenScopes(undefined)).toBe(frozenScopes(''))
  })

  it('forgets its lists after 1024 others, so ever-new claims cannot grow it', () => {
    const scopes = frozenScopes('read:forgotten')
    const audience = frozenSingleton('forgotten')
    expect(frozenScopes('read:forgotten')).toBe(scopes)
    for (let i = 0; i < 1024; i++) {
      frozenScopes(`read:other-${i}`)
      frozenSingleton(`other-${i}`)
    }
    expect(frozenScopes('read:forgotten')).not.toBe(scopes)
    expect(frozenScopes('read:forgotten')).toEqual(['read:forgotten'])
    expect(frozenSingleton('forgotten')).not.toBe(audience)
    expect(frozenSingleton('forgotten')).toEqual(['forgotten'])
  })
})

describe('custom claims', () => {
  it('a token without custom claims gets the one frozen empty object; one with them its own', async () => {
    const plain = await verifier.verify(stytchToken(key, NOW, { sub: 'm2m-client-test-1' }))
    const other = await verifier.verify(stytchToken(key, NOW, { sub: 'm2m-client-test-2' }))
    expect(plain.customClaims).toEqual({})
    expect(other.customClaims).toBe(plain.customClaims)
    expect(Object.isFrozen(plain.customClaims)).toBe(true)
    const custom = await verifier.verify(stytchToken(key, NOW, { team: 'billing' }))
    expect(custom.customClaims).toEqual({ team: 'billing' })
    expect(Object.isFrozen(custom.customClaims)).toBe(true)
  })
})

/** What every result's date accessors must look like: own, enumerable, read-only, a new Date per read. */
function expectDateAccessors(auth: object): void {
  for (const name of ['expiresAt', 'issuedAt']) {
    const descriptor = Object.getOwnPropertyDescriptor(auth, name)
    expect(descriptor, name).toEqual({
      get: expect.any(Function),
      set: undefined,
      enumerable: true,
      configurable: false,
    })
  }
  expect(Object.isFrozen(auth)).toBe(true)
}

describe('the date accessors', () => {
  const payload = parseJsonText(JSON.stringify({ sub: 'm2m-client-test-1', iat: NOW, exp: NOW + 60, scope: 'a:b' }))

  afterEach(() => {
    vi.resetModules()
  })

  it('are own, enumerable and non-configurable accessors', async () => {
    const auth = await verifier.verify(stytchToken(key, NOW))
    expectDateAccessors(auth)
    expect(auth.expiresAt).toEqual(new Date((NOW + 3600) * 1000))
    expect(auth.issuedAt).not.toBe(auth.issuedAt)
  })

  it('are the same where the runtime has no __defineGetter__', async () => {
    const original = Object.getOwnPropertyDescriptor(Object.prototype, '__defineGetter__') as PropertyDescriptor
    vi.resetModules()
    Reflect.deleteProperty(Object.prototype, '__defineGetter__')
    let fallback: typeof buildAuth
    try {
      ;({ buildAuth: fallback } = await import('../../src/verify/build-auth.js'))
    } finally {
      Object.defineProperty(Object.prototype, '__defineGetter__', original)
    }
    expect(fallback).not.toBe(buildAuth)
    const auth = fallback('token', payload, 'm2m')
    expectDateAccessors(auth)
    expect(auth.issuedAt).toEqual(new Date(NOW * 1000))
    expect(auth.expiresAt).toEqual(new Date((NOW + 60) * 1000))
  })
})
