import { importJWK } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer, TestIssuerError } from '../../src/index.js'

let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer()
})

describe('keys', () => {
  it('publishes one RS256 2048-bit signing key with a jwk-test-<uuid> kid', async () => {
    const { keys } = issuer.jwks()
    expect(keys).toHaveLength(1)
    const [key] = keys
    expect(key).toEqual({
      kty: 'RSA',
      use: 'sig',
      alg: 'RS256',
      kid: issuer.currentKid,
      n: expect.any(String),
      e: 'AQAB',
    })
    expect(key!.kid).toMatch(/^jwk-test-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    const imported = (await importJWK(key!, 'RS256')) as CryptoKey
    expect((imported.algorithm as RsaHashedKeyAlgorithm).modulusLength).toBe(2048)
  })

  it('never publishes private key members', () => {
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi']) expect(issuer.jwks().keys[0]).not.toHaveProperty(member)
  })

  it('uses jwk-live- kids for live projects', async () => {
    const live = await createTestIssuer({ projectId: 'project-live-00000000-0000-4000-8000-000000000000' })
    expect(live.currentKid).toMatch(/^jwk-live-/)
  })

  it('returns the JWKS in Stytch’s shape, with request_id and status_code', () => {
    expect(issuer.jwks()).toEqual({
      keys: expect.any(Array),
      request_id: expect.stringMatching(/^request-id-test-[0-9a-f-]{36}$/),
      status_code: 200,
    })
  })

  it('rotates: adds a key, signs with it, keeps the old one published', async () => {
    const local = await createTestIssuer()
    const oldKid = local.currentKid
    const newKid = await local.rotateKeys()
    expect(newKid).not.toBe(oldKid)
    expect(local.currentKid).toBe(newKid)
    expect(local.jwks().keys.map((key) => key.kid)).toEqual([oldKid, newKid])
  })

  it('retires a key: no longer published', async () => {
    const local = await createTestIssuer()
    const oldKid = local.currentKid
    await local.rotateKeys()
    local.retireKey(oldKid)
    expect(local.jwks().keys.map((key) => key.kid)).toEqual([local.currentKid])
  })

  it('refuses to retire the signing key or a key it does not publish', async () => {
    expect(() => issuer.retireKey(issuer.currentKid)).toThrow(
      expect.objectContaining({ code: 'ERR_KEY_IN_USE', name: 'TestIssuerError' }),
    )
    try {
      issuer.retireKey('jwk-test-nope')
      expect.unreachable()
    } catch (error) {
      expect(error).toBeInstanceOf(TestIssuerError)
      expect((error as TestIssuerError).code).toBe('ERR_KEY_NOT_FOUND')
    }
  })

  it('hands out copies, so callers cannot alter the published set', () => {
    issuer.jwks().keys[0]!.n = 'tampered'
    expect(issuer.jwks().keys[0]!.n).not.toBe('tampered')
  })
})
