import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'

const NOW = Date.UTC(2030, 0, 1)
let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer({ clock: () => NOW })
})

const verify = (token: string) =>
  jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
    algorithms: ['RS256'],
    issuer: issuer.issuer,
    audience: issuer.projectId,
    typ: 'JWT',
    currentDate: new Date(NOW),
  })

describe('mint', () => {
  it('produces exactly the header and claims Stytch issues, in Stytch’s order', async () => {
    const token = await issuer.mint({ clientId: 'm2m-client-test-1', scopes: ['read:users', 'write:users'] })
    const iat = NOW / 1000
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: issuer.currentKid, typ: 'JWT' })
    const claims = decodeJwt(token)
    expect(claims).toEqual({
      sub: 'm2m-client-test-1',
      iss: `stytch.com/${issuer.projectId}`,
      aud: [issuer.projectId],
      scope: 'read:users write:users',
      iat,
      nbf: iat,
      exp: iat + 3600,
    })
    expect(Object.keys(claims)).toEqual(['sub', 'iss', 'aud', 'scope', 'iat', 'nbf', 'exp'])
    await expect(verify(token)).resolves.toBeDefined()
  })

  it('defaults to a Stytch-style client id and an empty scope', async () => {
    const claims = decodeJwt(await issuer.mint())
    expect(claims.sub).toBe('m2m-client-test-00000000-0000-4000-8000-000000000000')
    expect(claims.scope).toBe('')
  })

  it('accepts scopes as a space-separated string and drops empty entries', async () => {
    expect(decodeJwt(await issuer.mint({ scopes: 'read:users  write:users ' })).scope).toBe('read:users write:users')
  })

  it('adds custom claims at the top level, after the standard claims', async () => {
    const claims = decodeJwt(await issuer.mint({ customClaims: { tenant: 'acme', tier: 2 } }))
    expect(claims).toMatchObject({ tenant: 'acme', tier: 2 })
    expect(Object.keys(claims).slice(-2)).toEqual(['tenant', 'tier'])
  })

  it('refuses a custom claim that would replace a registered claim', async () => {
    await expect(issuer.mint({ customClaims: { sub: 'x' } })).rejects.toThrow(TypeError)
    await expect(issuer.mint({ customClaims: { jti: 'x' } })).rejects.toThrow(TypeError)
  })

  it('overrides every time, lifetime, audience, issuer and typ', async () => {
    const token = await issuer.mint({
      iat: 100,
      nbf: 150,
      lifetime: 60,
      audience: 'single-audience',
      issuer: 'https://login.example.com',
      typ: 'at+jwt',
    })
    expect(decodeJwt(token)).toMatchObject({
      iat: 100,
      nbf: 150,
      exp: 160,
      aud: 'single-audience',
      iss: 'https://login.example.com',
    })
    expect(decodeProtectedHeader(token).typ).toBe('at+jwt')
    expect(decodeJwt(await issuer.mint({ iat: 100, exp: 101 })).exp).toBe(101)
  })

  it('leaves typ out when asked, and merges extra header members last', async () => {
    const token = await issuer.mint({ typ: null, header: { cty: 'x', kid: 'override' } })
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'RS256', kid: 'override', cty: 'x' })
  })

  it('applies raw claim overrides last and omits claims on request', async () => {
    const claims = decodeJwt(await issuer.mint({ claims: { exp: 'later', jti: 'j-1' }, omitClaims: ['nbf', 'scope'] }))
    expect(claims.exp).toBe('later')
    expect(claims.jti).toBe('j-1')
    expect(claims).not.toHaveProperty('nbf')
    expect(claims).not.toHaveProperty('scope')
  })

  it('uses the clock for iat, so fake clocks control token age', async () => {
    let now = NOW
    const ticking = await createTestIssuer({ clock: () => now })
    now += 10_000
    expect(decodeJwt(await ticking.mint()).iat).toBe((NOW + 10_000) / 1000)
  })

  it('signs with a retired key when its kid is named, and with the current key for unknown kids', async () => {
    const local = await createTestIssuer({ clock: () => NOW })
    const oldKid = local.currentKid
    const oldKey = createLocalJWKSet(local.jwks())
    await local.rotateKeys()
    local.retireKey(oldKid)
    const byOldKey = await local.mint({ kid: oldKid })
    await expect(jwtVerify(byOldKey, oldKey, { currentDate: new Date(NOW) })).resolves.toBeDefined()
    const unknown = await local.mint({ kid: 'jwk-test-unknown' })
    const current = createLocalJWKSet({ keys: local.jwks().keys.map((key) => ({ ...key, kid: 'jwk-test-unknown' })) })
    await expect(jwtVerify(unknown, current, { currentDate: new Date(NOW) })).resolves.toBeDefined()
  })
})
