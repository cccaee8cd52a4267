import { describe, expect, it } from 'vitest'
import { boundedLifetime, jwtExpiry, MAX_TOKEN_LIFETIME } from '../src/token-lifetime.js'

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url')
const jwt = (payload: unknown): string => `${part({ alg: 'RS256' })}.${part(payload)}.c2ln`
const NOW = 1_700_000_000_000

describe('jwtExpiry', () => {
  it('reads a numeric exp from the payload', () => {
    expect(jwtExpiry(jwt({ exp: 1_700_000_600 }))).toBe(1_700_000_600)
  })

  it.each([
    ['an opaque token', 'opaque-token'],
    ['two segments', `${part({})}.${part({ exp: 1 })}`],
    ['a payload that is not base64url', 'a.!!!.c'],
    ['a payload that is not JSON', `a.${Buffer.from('nope').toString('base64url')}.c`],
    ['a JSON null payload', `a.${part(null)}.c`],
    ['a string exp', jwt({ exp: '1700000600' })],
    ['no exp', jwt({ sub: 'x' })],
  ])('is undefined for %s', (_name, token) => {
    expect(jwtExpiry(token)).toBeUndefined()
  })
})

describe('boundedLifetime', () => {
  it('is the smallest of expires_in, the time to exp and a day', () => {
    expect(boundedLifetime(jwt({ exp: NOW / 1000 + 600 }), 1e12, NOW)).toBe(600)
    expect(boundedLifetime(jwt({ exp: NOW / 1000 + 600 }), 60, NOW)).toBe(60)
    expect(boundedLifetime('opaque', 1e12, NOW)).toBe(MAX_TOKEN_LIFETIME)
    expect(boundedLifetime(jwt({ exp: NOW / 1000 - 1 }), 3600, NOW)).toBeLessThanOrEqual(0)
  })
})
