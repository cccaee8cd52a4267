import { describe, expect, it } from 'vitest'
import { createJwksCache, type JwksCacheOptions } from '../../src/jwks/jwks-cache.js'
import { JWKS_CACHE_DEFAULTS, resolveJwksCacheOptions } from '../../src/jwks/jwks-cache-options.js'

const URL_OK = 'https://test.stytch.com/v1/sessions/jwks/project-test-1'

function create(options: Partial<Record<keyof JwksCacheOptions, unknown>>): unknown {
  return createJwksCache({ url: URL_OK, ...options } as JwksCacheOptions)
}

describe('createJwksCache: option checks at creation', () => {
  it.each([
    ['cacheMaxAge', 0],
    ['cacheMaxAge', -1],
    ['cacheMaxAge', Number.NaN],
    ['cacheMaxAge', Number.POSITIVE_INFINITY],
    ['cacheMaxAge', '600'],
    ['cooldown', 0],
    ['cooldown', -30],
    ['staleIfError', -1],
    ['staleIfError', true],
    ['staleIfError', Number.POSITIVE_INFINITY],
    ['timeout', 0],
    ['timeout', 3_000_000],
    ['maxResponseBytes', 0],
    ['maxResponseBytes', 1.5],
    ['minKeyBits', 1024],
    ['minKeyBits', 2048.5],
    ['minKeyBits', 32_768],
    ['algorithms', []],
    ['algorithms', ['HS256']],
    ['algorithms', ['none']],
    ['algorithms', 'RS256'],
    ['fetch', 'fetch'],
    ['clock', 0],
    ['onEvent', {}],
    ['url', 'http://keys.example.com/jwks'],
    ['url', 'https://user:pass@keys.example.com/jwks'],
    ['url', 'not a url'],
    ['url', undefined],
  ])('refuses %s = %j with a TypeError naming it', (name, value) => {
    expect(() => create({ [name]: value })).toThrow(TypeError)
    expect(() => create({ [name]: value })).toThrow(`m2m-guard: option "${name}" must be `)
  })

  it('refuses a missing options object', () => {
    expect(() => createJwksCache(undefined as unknown as JwksCacheOptions)).toThrow(TypeError)
  })

  it.each([
    ['staleIfError', false],
    ['staleIfError', 0],
    ['cooldown', 0.5],
    ['minKeyBits', 4096],
    ['algorithms', ['RS256', 'PS256']],
    ['url', 'http://127.0.0.1:8080/jwks'],
    ['url', new URL(URL_OK)],
  ])('accepts %s = %j', (name, value) => {
    expect(() => create({ [name]: value })).not.toThrow()
  })
})

describe('resolveJwksCacheOptions: defaults', () => {
  it('uses 600 s max age, 30 s cooldown, 1 h stale window, 5 s timeout, 256 KiB, 2048 bits, RS256', () => {
    const resolved = resolveJwksCacheOptions({ url: URL_OK })
    expect(resolved).toMatchObject({
      maxAgeMs: 600_000,
      cooldownMs: 30_000,
      staleIfErrorMs: 3_600_000,
      timeoutMs: 5_000,
      maxResponseBytes: 262_144,
      minKeyBits: 2048,
      algorithms: ['RS256'],
      backoffCapMs: 30_000,
    })
    expect(JWKS_CACHE_DEFAULTS).toMatchObject({ cacheMaxAge: 600, cooldown: 30, staleIfError: 3600, timeout: 5 })
  })

  it('copies the algorithm list so later changes to the caller array do not apply', () => {
    const algorithms: ('RS256' | 'RS512')[] = ['RS256']
    const resolved = resolveJwksCacheOptions({ url: URL_OK, algorithms })
    algorithms.push('RS512')
    expect(resolved.algorithms).toEqual(['RS256'])
  })
})
