import { compactVerify, importJWK } from 'jose'
import type { JwksKey } from '../jwks/jwks-source.js'
import type { RsaAlgorithm } from './verifier-options.js'

/** Imported WebCrypto keys per JWKS key object and algorithm. */
const cryptoKeys = new WeakMap<JwksKey, Map<RsaAlgorithm, Promise<CryptoKey | Uint8Array>>>()

function cryptoKeyFor(key: JwksKey, alg: RsaAlgorithm): Promise<CryptoKey | Uint8Array> {
  let byAlg = cryptoKeys.get(key)
  if (byAlg === undefined) {
    byAlg = new Map()
    cryptoKeys.set(key, byAlg)
  }
  let imported = byAlg.get(alg)
  if (imported === undefined) {
    imported = importJWK({ kty: 'RSA', n: key.jwk.n, e: key.jwk.e }, alg)
    byAlg.set(alg, imported)
  }
  return imported
}

/**
 * Verifies an RSA JWS signature through jose (WebCrypto), for runtimes without `node:crypto`. The header and claim
 * rules were applied before; this checks only the signature, with the configured algorithm.
 *
 * @param alg - Configured algorithm the header was checked against.
 * @param key - The JWKS key selected by `kid`.
 * @param token - The whole compact JWS.
 * @returns Whether the signature is valid.
 * @example
 * await verifyWithWebCrypto('RS256', key, token)
 */
export async function verifyWithWebCrypto(alg: RsaAlgorithm, key: JwksKey, token: string): Promise<boolean> {
  try {
    await compactVerify(token, await cryptoKeyFor(key, alg), { algorithms: [alg] })
    return true
  } catch {
    return false
  }
}
