import { generateKeyPairSync } from 'node:crypto'
import {
  base64url,
  compactVerify,
  createLocalJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'

let issuer: TestIssuer
let publicKeys: ReturnType<typeof createLocalJWKSet>

beforeAll(async () => {
  issuer = await createTestIssuer()
  publicKeys = createLocalJWKSet(issuer.jwks())
})

// Checks the signature with WebCrypto directly, whatever the header says.
async function rawSignatureValid(token: string, alg: string, params: AlgorithmIdentifier | RsaPssParams) {
  const [jwk] = issuer.jwks().keys
  const key = (await importJWK({ ...jwk!, alg }, alg)) as CryptoKey
  const [header, payload, signature] = token.split('.')
  const input = new TextEncoder().encode(`${header}.${payload}`)
  return crypto.subtle.verify(params, key, new Uint8Array(base64url.decode(signature!)), input)
}

const segment = (token: string, index: number): string =>
  new TextDecoder().decode(base64url.decode(token.split('.')[index]!))

describe('forge', () => {
  it('uses string header and payload byte-for-byte, even when they are not valid JSON', async () => {
    const header = `{"alg":"RS256","kid":"${'k'}","kid":"duplicate"}`
    const token = await issuer.forge(header, '{"sub": "x", trailing')
    expect(segment(token, 0)).toBe(header)
    expect(segment(token, 1)).toBe('{"sub": "x", trailing')
  })

  it('signs with the current key by default, so the signature verifies against the JWKS', async () => {
    const token = await issuer.forge({ alg: 'RS256', kid: issuer.currentKid }, { sub: 'x' })
    await expect(compactVerify(token, publicKeys)).resolves.toBeDefined()
  })

  it('signs with the foreign key, which the JWKS cannot verify', async () => {
    const token = await issuer.forge({ alg: 'RS256', kid: issuer.currentKid }, { sub: 'x' }, { key: 'foreign' })
    await expect(compactVerify(token, publicKeys)).rejects.toMatchObject({
      code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    })
  })

  it('leaves the signature empty for key "none" or alg "none"', async () => {
    expect((await issuer.forge({ alg: 'RS256' }, {}, { key: 'none' })).endsWith('.')).toBe(true)
    expect((await issuer.forge({ alg: 'none' }, {})).endsWith('.')).toBe(true)
  })

  it('signs HS256 with a byte secret', async () => {
    const secret = new TextEncoder().encode('a shared secret of enough length!')
    const token = await issuer.forge({ alg: 'HS256' }, { sub: 'x' }, { key: secret })
    await expect(compactVerify(token, secret)).resolves.toBeDefined()
  })

  it('signs with the algorithm option, whatever the header claims', async () => {
    const token = await issuer.forge({ alg: 'RS256', kid: issuer.currentKid }, { sub: 'x' }, { alg: 'PS256' })
    expect(decodeProtectedHeader(token).alg).toBe('RS256')
    expect(await rawSignatureValid(token, 'PS256', { name: 'RSA-PSS', saltLength: 32 })).toBe(true)
    expect(await rawSignatureValid(token, 'RS256', { name: 'RSASSA-PKCS1-v1_5' })).toBe(false)
  })

  it('re-imports the current RSA key for other RSA algorithms', async () => {
    const token = await issuer.forge({ alg: 'RS512', kid: issuer.currentKid }, { sub: 'x' })
    const [jwk] = issuer.jwks().keys
    await expect(compactVerify(token, await importJWK({ ...jwk!, alg: 'RS512' }, 'RS512'))).resolves.toBeDefined()
  })

  it('accepts CryptoKeys, JWKs and node KeyObjects of other key types', async () => {
    const ec = await generateKeyPair('ES256', { extractable: true })
    const fromCryptoKey = await issuer.forge({ alg: 'ES256' }, { sub: 'x' }, { key: ec.privateKey })
    await expect(compactVerify(fromCryptoKey, ec.publicKey)).resolves.toBeDefined()
    const fromJwk = await issuer.forge({ alg: 'ES256' }, { sub: 'x' }, { key: await exportJWK(ec.privateKey) })
    await expect(compactVerify(fromJwk, ec.publicKey)).resolves.toBeDefined()
    const ed = await generateKeyPair('EdDSA', { extractable: true })
    const fromEd25519 = await issuer.forge({ alg: 'EdDSA' }, { sub: 'x' }, { key: ed.privateKey })
    await expect(compactVerify(fromEd25519, ed.publicKey)).resolves.toBeDefined()
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 })
    const fromKeyObject = await issuer.forge({ alg: 'RS256' }, { sub: 'x' }, { key: rsa.privateKey })
    await expect(compactVerify(fromKeyObject, rsa.publicKey)).resolves.toBeDefined()
  })

  it('falls back to RS256 when the header has no readable alg', async () => {
    const token = await issuer.forge('not json', '{}')
    expect(await rawSignatureValid(token, 'RS256', { name: 'RSASSA-PKCS1-v1_5' })).toBe(true)
  })

  it('rejects algorithms it cannot sign and keys that do not fit the algorithm', async () => {
    await expect(issuer.forge({ alg: 'XS999' }, {})).rejects.toThrow(TypeError)
    await expect(issuer.forge({ alg: 'RS256' }, {}, { key: new Uint8Array(32) })).rejects.toThrow(TypeError)
  })
})
