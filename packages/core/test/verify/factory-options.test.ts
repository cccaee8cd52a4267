import { describe, expect, it } from 'vitest'
import { createStytchVerifier, createVerifier, type StytchVerifierOptions } from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

// Issue 11, findings 3 and 5: nested options objects were not checked, and clockTolerance had no upper bound.
const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const stytch = (extra: Record<string, unknown>) => () =>
  createStytchVerifier({ projectId: PROJECT_ID, ...extra } as StytchVerifierOptions)

describe('issue 11: nested options objects are checked', () => {
  it('refuses an unknown jwks setting, naming its path and the likely one', () => {
    expect(stytch({ jwks: { staleIfEror: false } })).toThrow(
      new TypeError(
        'm2m-guard: createStytchVerifier does not know the option "jwks.staleIfEror" (did you mean "jwks.staleIfError"?)',
      ),
    )
  })

  it('refuses an unknown tokenCache setting', () => {
    expect(stytch({ tokenCache: { mx: 1 } })).toThrow(
      new TypeError(
        'm2m-guard: createStytchVerifier does not know the option "tokenCache.mx" (did you mean "tokenCache.max"?)',
      ),
    )
  })

  it('names nested values by their path', () => {
    expect(stytch({ jwks: { cacheMaxAge: -1 } })).toThrow('m2m-guard: option "jwks.cacheMaxAge" must be ')
    expect(stytch({ jwks: { staleIfError: Number.NaN } })).toThrow('m2m-guard: option "jwks.staleIfError" must be ')
    expect(stytch({ tokenCache: { max: 0.5 } })).toThrow('m2m-guard: option "tokenCache.max" must be ')
  })

  it('does not look into a JwksSource, and refuses url inside jwks settings (jwksUri is the option)', () => {
    expect(stytch({ jwks: new StaticJwks(key) })).not.toThrow()
    expect(stytch({ jwks: { url: 'https://keys.example.com/jwks' } })).toThrow('"jwks.url"')
  })

  it('names the factory the integrator called, and suggests top-level names', () => {
    const generic = () =>
      createVerifier({
        issuers: ['https://issuer.example.com'],
        audience: null,
        jwksUri: 'https://issuer.example.com/jwks',
        jwks: { timeOut: 5 },
      } as never)
    expect(generic).toThrow('createVerifier does not know the option "jwks.timeOut" (did you mean "jwks.timeout"?)')
    expect(stytch({ audiance: 'x' })).toThrow(TypeError)
    expect(stytch({ clocktolerance: 5 })).toThrow('(did you mean "clockTolerance"?)')
  })
})

describe('issue 11: clockTolerance and maxTokenAge are bounded', () => {
  it('refuses clockTolerance 60000 (milliseconds by mistake), with the range in the message', () => {
    expect(stytch({ clockTolerance: 60_000 })).toThrow(
      new TypeError('m2m-guard: option "clockTolerance" must be a finite number of seconds from 0 to 300'),
    )
  })

  it('accepts 0 to 300 seconds of tolerance, and no token expired longer ago than that verifies', async () => {
    expect(stytch({ clockTolerance: 301 })).toThrow(TypeError)
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      clockTolerance: 300,
    })
    // Issued 11 hours ago, expired 10 hours ago.
    const expired = stytchToken(key, NOW - 11 * 3600)
    await expect(verifier.verify(expired)).rejects.toMatchObject({ code: 'ERR_TOKEN_EXPIRED', status: 401 })
  })

  it('refuses maxTokenAge above one day, NaN and Infinity', () => {
    expect(stytch({ maxTokenAge: 86_400 })).not.toThrow()
    for (const maxTokenAge of [86_401, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(stytch({ maxTokenAge })).toThrow(
        new TypeError('m2m-guard: option "maxTokenAge" must be a finite number of seconds from 0 to 86400'),
      )
    }
  })
})
