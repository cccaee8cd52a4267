import { sign } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { createVerifier, type RsaAlgorithm } from '../../src/index.js'
import { makeKey, StaticJwks, type TestKey } from '../helpers/test-keys.js'

// Issue 11, finding 6: a key published for PS256 verified RS256 tokens when both algorithms were allowed.
const NOW = 1_800_000_000
const ISSUER = 'https://issuer.example.com'
const rsa = makeKey('k1')

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url')

function token(alg: 'RS256' | 'PS256', kid: string): string {
  const input = `${b64({ alg, kid })}.${b64({ sub: 'svc', iss: ISSUER, aud: 'api', iat: NOW, exp: NOW + 600 })}`
  const key = alg === 'RS256' ? rsa.privateKey : { key: rsa.privateKey, padding: 6, saltLength: 32 }
  return `${input}.${sign('sha256', Buffer.from(input), key).toString('base64url')}`
}

/** The same RSA key published under `kid` with the given `alg` (or none). */
function published(kid: string, alg: RsaAlgorithm | undefined): TestKey {
  const { alg: _ignored, ...jwk } = rsa.jwk
  return { ...rsa, kid, jwk: { ...jwk, kid, ...(alg === undefined ? {} : { alg }) } }
}

describe.each(['node', 'webcrypto'] as const)('issue 11: a key verifies only its own alg (%s)', (crypto) => {
  const verifier = createVerifier({
    issuers: [ISSUER],
    audience: 'api',
    jwksUri: `${ISSUER}/jwks`,
    algorithms: ['RS256', 'PS256'],
    jwks: new StaticJwks(published('pss', 'PS256'), published('any', undefined)),
    clock: () => NOW * 1000,
    crypto,
  })

  it('refuses an RS256 token under a key published with alg PS256 (401 ERR_TOKEN_KEY_NOT_FOUND)', async () => {
    await expect(verifier.verify(token('RS256', 'pss'))).rejects.toMatchObject({
      code: 'ERR_TOKEN_KEY_NOT_FOUND',
      status: 401,
    })
  })

  it('accepts a PS256 token under that key', async () => {
    await expect(verifier.verify(token('PS256', 'pss'))).resolves.toMatchObject({ clientId: 'svc' })
  })

  it('lets a key without alg verify every allowed algorithm', async () => {
    await expect(verifier.verify(token('RS256', 'any'))).resolves.toMatchObject({ clientId: 'svc' })
    await expect(verifier.verify(token('PS256', 'any'))).resolves.toMatchObject({ clientId: 'svc' })
  })
})
