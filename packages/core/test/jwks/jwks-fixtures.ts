import { generateKeyPairSync } from 'node:crypto'
import type { RsaPublicJwk } from '../../src/jwks/jwks-source.js'
import { makeKey, type TestKey } from '../helpers/test-keys.js'

/** Three 2048-bit signing keys, generated once per test file. */
export const keyA: TestKey = makeKey('jwk-test-a')
export const keyB: TestKey = makeKey('jwk-test-b')
export const keyC: TestKey = makeKey('jwk-test-c')

/** A Stytch-shaped JWKS document: the keys plus Stytch's extra top-level members. */
export function jwksDocument(...keys: readonly (RsaPublicJwk | Record<string, unknown>)[]): Record<string, unknown> {
  return { keys: keys.map((key) => ({ ...key, x5c: ['MIIB…'] })), request_id: 'request-id-test-1', status_code: 200 }
}

/** A public RSA JWK of the given size. */
export function rsaJwk(kid: string, modulusLength: number): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('rsa', { modulusLength })
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }
}

/** A public P-256 JWK. */
export function ecJwk(kid: string): Record<string, unknown> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  return { ...publicKey.export({ format: 'jwk' }), kid, alg: 'ES256', use: 'sig' }
}

/** The full private JWK of a test key (what a leaking JWKS would publish). */
export function privateJwk(key: TestKey): Record<string, unknown> {
  return { ...key.privateKey.export({ format: 'jwk' }), kid: key.kid, alg: 'RS256', use: 'sig' }
}
