import {
  base64url,
  compactVerify,
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  exportSPKI,
  importJWK,
} from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'

const NOW = Date.UTC(2030, 0, 1)
const now = NOW / 1000
let issuer: TestIssuer
let publicKeys: ReturnType<typeof createLocalJWKSet>

beforeAll(async () => {
  issuer = await createTestIssuer({ clock: () => NOW })
  publicKeys = createLocalJWKSet(issuer.jwks())
})

const signatureValid = (token: string): Promise<boolean> =>
  compactVerify(token, publicKeys).then(
    () => true,
    () => false,
  )

describe('hostile tokens', () => {
  it('expired: exp lies expiredFor seconds in the past, with a valid signature', async () => {
    const token = await issuer.hostile.expired({ scopes: ['read:users'] })
    expect(decodeJwt(token)).toMatchObject({ exp: now - 3600, iat: now - 7200, nbf: now - 7200, scope: 'read:users' })
    expect(await signatureValid(token)).toBe(true)
    expect(decodeJwt(await issuer.hostile.expired({ expiredFor: 10 })).exp).toBe(now - 10)
  })

  it('notYetValid: nbf lies startsIn seconds in the future', async () => {
    const claims = decodeJwt(await issuer.hostile.notYetValid({ startsIn: 120 }))
    expect(claims).toMatchObject({ iat: now, nbf: now + 120, exp: now + 120 + 3600 })
  })

  it('wrongIssuer and wrongAudience name another project', async () => {
    const issuerClaim = decodeJwt(await issuer.hostile.wrongIssuer()).iss
    expect(issuerClaim).toMatch(/^stytch\.com\/project-test-/)
    expect(issuerClaim).not.toBe(issuer.issuer)
    const audience = decodeJwt(await issuer.hostile.wrongAudience()).aud as string[]
    expect(audience).toHaveLength(1)
    expect(audience[0]).not.toBe(issuer.projectId)
    expect(decodeJwt(await issuer.hostile.wrongIssuer({ issuer: 'https://evil.example' })).iss).toBe(
      'https://evil.example',
    )
  })

  it('wrongIssuer picks yet another project when ours is the usual “other” one', async () => {
    const other = await createTestIssuer({ projectId: 'project-test-ffffffff-ffff-4fff-bfff-ffffffffffff' })
    expect(decodeJwt(await other.hostile.wrongIssuer()).iss).not.toBe(other.issuer)
  })

  it('unknownKid: a fresh Stytch-style kid, signed by the current key', async () => {
    const token = await issuer.hostile.unknownKid()
    const { kid } = decodeProtectedHeader(token)
    expect(kid).toMatch(/^jwk-test-[0-9a-f-]{36}$/)
    expect(issuer.jwks().keys.map((key) => key.kid)).not.toContain(kid)
    const [jwk] = issuer.jwks().keys
    await expect(compactVerify(token, await importJWK(jwk!, 'RS256'))).resolves.toBeDefined()
  })

  it('foreignKey: the current kid with a signature the published key rejects', async () => {
    const token = await issuer.hostile.foreignKey()
    expect(decodeProtectedHeader(token).kid).toBe(issuer.currentKid)
    expect(await signatureValid(token)).toBe(false)
  })

  it('tamperedPayload: adds a scope after signing, keeping header and signature', async () => {
    const token = await issuer.hostile.tamperedPayload({ scopes: ['read:users'] })
    expect(decodeJwt(token).scope).toBe('read:users admin:*')
    expect(await signatureValid(token)).toBe(false)
    const custom = await issuer.hostile.tamperedPayload({ tamper: (claims) => ({ ...claims, sub: 'someone-else' }) })
    expect(decodeJwt(custom).sub).toBe('someone-else')
  })

  it('algNone: alg none and an empty signature', async () => {
    const token = await issuer.hostile.algNone()
    expect(decodeProtectedHeader(token).alg).toBe('none')
    expect(token.split('.')[2]).toBe('')
  })

  it('hs256WithPublicKey: an HMAC over the token keyed with the public key PEM', async () => {
    const token = await issuer.hostile.hs256WithPublicKey()
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'HS256', kid: issuer.currentKid })
    const [jwk] = issuer.jwks().keys
    const pem = new TextEncoder().encode(
      await exportSPKI((await importJWK(jwk!, 'RS256', { extractable: true })) as CryptoKey),
    )
    await expect(compactVerify(token, pem)).resolves.toBeDefined()
  })

  it('missingExp and nonNumericExp break only exp', async () => {
    const missing = decodeJwt(await issuer.hostile.missingExp())
    expect(missing).not.toHaveProperty('exp')
    expect(missing).toMatchObject({ iat: now, nbf: now })
    const [, payload] = (await issuer.hostile.nonNumericExp()).split('.')
    expect(JSON.parse(new TextDecoder().decode(base64url.decode(payload!))).exp).toBe(String(now + 3600))
  })

  it('jkuHeader and jwkHeader: signed by an unpublished key the header points at or embeds', async () => {
    const jku = await issuer.hostile.jkuHeader()
    expect(decodeProtectedHeader(jku).jku).toBe('https://attacker.example/.well-known/jwks.json')
    expect(decodeProtectedHeader(await issuer.hostile.jkuHeader({ url: 'https://x.example/k' })).jku).toBe(
      'https://x.example/k',
    )
    const jwk = await issuer.hostile.jwkHeader()
    const header = decodeProtectedHeader(jwk)
    expect(header.jwk).toMatchObject({ kty: 'RSA', kid: header.kid })
    expect(issuer.jwks().keys.map((key) => key.kid)).not.toContain(header.kid)
    await expect(compactVerify(jwk, await importJWK(header.jwk!, 'RS256'))).resolves.toBeDefined()
    expect(await signatureValid(jku)).toBe(false)
  })

  it('sessionJwt: the session claim, a user subject, no scope, signed by the project key', async () => {
    const token = await issuer.hostile.sessionJwt()
    const claims = decodeJwt(token)
    expect(claims.sub).toMatch(/^user-test-/)
    expect(claims).not.toHaveProperty('scope')
    expect(claims['https://stytch.com/session']).toMatchObject({ id: expect.stringMatching(/^session-test-/) })
    expect(claims.exp).toBe(now + 300)
    expect(await signatureValid(token)).toBe(true)
  })

  it('oversized: at least size characters, still validly signed', async () => {
    const token = await issuer.hostile.oversized()
    expect(token.length).toBeGreaterThanOrEqual(9000)
    expect(token.length).toBeLessThan(9000 + 200)
    expect(await signatureValid(token)).toBe(true)
    expect((await issuer.hostile.oversized({ size: 12_000 })).length).toBeGreaterThanOrEqual(12_000)
  })

  it('every helper keeps the other mint options', async () => {
    for (const name of ['expired', 'notYetValid', 'wrongAudience', 'unknownKid', 'foreignKey', 'algNone'] as const) {
      const claims = decodeJwt(await issuer.hostile[name]({ clientId: 'm2m-client-test-kept', scopes: ['a:b'] }))
      expect(claims).toMatchObject({ sub: 'm2m-client-test-kept', scope: 'a:b' })
    }
  })
})
