import { importJWK, jwtVerify } from 'jose'
import { ISSUER, PROJECT_ID } from '../../fixtures/project.js'
import type { SigningKey } from '../../fixtures/signing-key.js'
import type { MicroCase } from '../micro-case.js'

/**
 * jose 6 `jwtVerify` with a key imported once (a WebCrypto `CryptoKey` on Node), checking what Stytch's SDK checks:
 * issuer, audience, `typ`, with RS256 pinned. jose has no scope check.
 *
 * @param key - The signing key (its public JWK is imported).
 * @returns The case.
 */
export async function joseCase(key: SigningKey): Promise<MicroCase> {
  const publicKey = await importJWK(key.jwk, 'RS256')
  const options = { issuer: ISSUER, audience: PROJECT_ID, typ: 'JWT', algorithms: ['RS256'] }
  return {
    id: 'jose',
    name: 'jose 6 `jwtVerify`, local key (WebCrypto)',
    inFlight: 1,
    verify: (token) => jwtVerify(token, publicKey, options),
  }
}
