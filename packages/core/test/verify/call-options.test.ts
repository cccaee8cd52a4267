import { describe, expect, it } from 'vitest'
import { type AuthenticateOptions, createStytchVerifier, type VerifyOptions } from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'
import { checkSync } from '../helpers/verifier-check.js'

// Issue 11, finding 1: per-call options were never checked, so a typo silently skipped the scope check.
const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const verifier = () =>
  createStytchVerifier({ projectId: PROJECT_ID, jwks: new StaticJwks(key), clock: () => NOW * 1000 })
/** Granted `read:users` only: every test below would pass with a 200 if its scope requirement were dropped. */
const token = stytchToken(key, NOW, { scope: 'read:users' })

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error: unknown) => error,
  )
}

describe('issue 11: per-call options are checked like factory options', () => {
  it('rejects verify(token, { scopes }) with a TypeError suggesting requiredScopes', async () => {
    const error = await rejection(verifier().verify(token, { scopes: ['admin:users'] } as VerifyOptions))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain('"scopes" (did you mean "requiredScopes"?)')
  })

  it('rejects authenticate(header, { requiredScope }) with a TypeError', async () => {
    const options = { requiredScope: ['admin:users'] } as AuthenticateOptions
    const error = await rejection(verifier().authenticate(`Bearer ${token}`, options))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain('"requiredScope" (did you mean "requiredScopes"?)')
  })

  it('rejects a typo on the cached path too (authenticate and the adapter kit check)', async () => {
    const v = verifier()
    await v.authenticate(`Bearer ${token}`)
    expect(checkSync(v, `Bearer ${token}`)).toBeDefined()
    const options = { requireScopes: ['admin:users'] } as AuthenticateOptions
    expect(() => checkSync(v, `Bearer ${token}`, options)).toThrow(TypeError)
    await expect(v.authenticate(`Bearer ${token}`, options)).rejects.toBeInstanceOf(TypeError)
  })

  it('rejects a typo even on a request without a token', async () => {
    const options = { requried: false } as AuthenticateOptions
    await expect(verifier().authenticate(undefined, options)).rejects.toBeInstanceOf(TypeError)
  })

  it('rejects maxTokenAge NaN, which used to switch the age limit off', async () => {
    const old = stytchToken(key, NOW - 3000)
    await expect(verifier().verify(old, { maxTokenAge: Number.NaN })).rejects.toThrow(
      new TypeError('m2m-guard: option "maxTokenAge" must be a finite number of seconds from 0 to 86400'),
    )
    await expect(verifier().verify(old, { maxTokenAge: 60 })).rejects.toMatchObject({ code: 'ERR_TOKEN_TOO_OLD' })
  })

  it.each([
    ['maxTokenAge', { maxTokenAge: 86_401 }],
    ['maxTokenAge', { maxTokenAge: -1 }],
    ['maxTokenAge', { maxTokenAge: '60' }],
    ['requiredScopes', { requiredScopes: 'admin:users' }],
    ['requiredScopes', { requiredScopes: [1] }],
    ['anyScopes', { anyScopes: 'admin:users' }],
    ['scopeCheck', { scopeCheck: true }],
    ['realm', { realm: 'a"b' }],
    ['realm', { realm: '' }],
    ['required', { required: 'no' }],
  ])('rejects an invalid %s with a TypeError naming it', async (name, options) => {
    const error = await rejection(verifier().authenticate(`Bearer ${token}`, options as AuthenticateOptions))
    expect(error).toBeInstanceOf(TypeError)
    expect((error as Error).message).toContain(`option "${name}" must be`)
  })

  it('refuses required in verify(), which has no header to miss', async () => {
    await expect(verifier().verify(token, { required: false } as VerifyOptions)).rejects.toBeInstanceOf(TypeError)
  })

  it('refuses options that are not an object', async () => {
    await expect(verifier().verify(token, null as unknown as VerifyOptions)).rejects.toBeInstanceOf(TypeError)
    expect(() => checkSync(verifier(), `Bearer ${token}`, 'x' as AuthenticateOptions)).toThrow(TypeError)
  })

  it('still accepts valid options, and undefined values of known names', async () => {
    const options = { requiredScopes: ['read:users'], anyScopes: undefined, maxTokenAge: 60, required: true }
    await expect(verifier().authenticate(`Bearer ${token}`, options)).resolves.toMatchObject({ scopes: ['read:users'] })
  })

  it('checks a frozen options object once: later calls only look it up', async () => {
    const v = verifier()
    let reads = 0
    const target = Object.freeze({ requiredScopes: Object.freeze(['read:users']) })
    const options = new Proxy(target, {
      ownKeys: (t) => {
        reads++
        return Reflect.ownKeys(t)
      },
    })
    await v.authenticate(`Bearer ${token}`, options)
    expect(reads).toBeGreaterThan(0)
    reads = 0
    await v.authenticate(`Bearer ${token}`, options)
    expect(checkSync(v, `Bearer ${token}`, options)).toBeDefined()
    expect(reads).toBe(0)
  })

  it('checks an object that is not frozen on every call, so a later change cannot slip through', async () => {
    const v = verifier()
    const options: Record<string, unknown> = { requiredScopes: ['read:users'] }
    await v.authenticate(`Bearer ${token}`, options)
    options.maxTokenAge = Number.NaN
    await expect(v.authenticate(`Bearer ${token}`, options)).rejects.toBeInstanceOf(TypeError)
  })
})
