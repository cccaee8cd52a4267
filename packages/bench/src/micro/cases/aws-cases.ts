import { JwtRsaVerifier } from 'aws-jwt-verify'
import { ISSUER, JWKS_URL, PROJECT_ID, REQUIRED_SCOPE } from '../../fixtures/project.js'
import type { SigningKey } from '../../fixtures/signing-key.js'
import type { MicroCase } from '../micro-case.js'

/**
 * aws-jwt-verify 5 `JwtRsaVerifier` with the JWKS handed over through `cacheJwks` (no fetch), checking issuer,
 * audience and the `read:users` scope; its async `verify()` and its `verifySync()`.
 *
 * @param key - The signing key (its public JWK is cached).
 * @returns The cases.
 */
export function awsCases(key: SigningKey): MicroCase[] {
  const verifier = JwtRsaVerifier.create({
    issuer: ISSUER,
    audience: PROJECT_ID,
    jwksUri: JWKS_URL,
    scope: REQUIRED_SCOPE,
  })
  verifier.cacheJwks({ keys: [{ ...key.jwk }] })
  return [
    {
      id: 'aws-async',
      name: 'aws-jwt-verify 5 `verify()` (async), cached JWKS, 1 in flight',
      inFlight: 1,
      verify: (token) => verifier.verify(token),
    },
    {
      id: 'aws-sync',
      name: 'aws-jwt-verify 5 `verifySync()`, cached JWKS',
      inFlight: 1,
      sync: true,
      verify: (token) => verifier.verifySync(token),
    },
  ]
}
