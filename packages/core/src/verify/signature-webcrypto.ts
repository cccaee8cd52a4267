import type { JwksKey } from '../jwks/jwks-source.js'
import { signingInputBytes } from './base64url.js'
import type { RsaAlgorithm } from './verifier-options.js'

/** How WebCrypto names each algorithm: the parameters to import a key with, and to verify with. */
interface WebCryptoAlgorithm {
  readonly importParams: RsaHashedImportParams
  readonly verifyParams: AlgorithmIdentifier | RsaPssParams
}

const pkcs1 = (hash: string): WebCryptoAlgorithm => ({
  importParams: { name: 'RSASSA-PKCS1-v1_5', hash },
  verifyParams: { name: 'RSASSA-PKCS1-v1_5' },
})
// RFC 7518 §3.5: the PSS salt is as long as the hash output.
const pss = (hash: string, saltLength: number): WebCryptoAlgorithm => ({
  importParams: { name: 'RSA-PSS', hash },
  verifyParams: { name: 'RSA-PSS', saltLength },
})
const ALGORITHMS: Record<RsaAlgorithm, WebCryptoAlgorithm> = {
  RS256: pkcs1('SHA-256'),
  RS384: pkcs1('SHA-384'),
  RS512: pkcs1('SHA-512'),
  PS256: pss('SHA-256', 32),
  PS384: pss('SHA-384', 48),
  PS512: pss('SHA-512', 64),
}

/**
 * A key import: its promise, and its outcome once settled (`null`: WebCrypto refused the key), so an imported key
 * is used without awaiting a settled promise, which would cost a turn on every call.
 */
interface Imported {
  readonly promise: Promise<CryptoKey | null>
  key: CryptoKey | null | undefined
}

/** Imported WebCrypto keys per JWKS key object and algorithm (a CryptoKey is bound to one algorithm). */
const cryptoKeys = new WeakMap<JwksKey, Map<RsaAlgorithm, Imported>>()
function importFor(key: JwksKey, alg: RsaAlgorithm): Imported {
  let byAlg = cryptoKeys.get(key)
  if (byAlg === undefined) {
    byAlg = new Map()
    cryptoKeys.set(key, byAlg)
  }
  let imported = byAlg.get(alg)
  if (imported === undefined) {
    const jwk: JsonWebKey = { kty: 'RSA', n: key.jwk.n, e: key.jwk.e }
    // A key WebCrypto refuses verifies nothing: remembered as `null`, so every token it signed is refused.
    const promise = crypto.subtle.importKey('jwk', jwk, ALGORITHMS[alg].importParams, false, ['verify']).then(
      (value) => value,
      () => null,
    )
    const entry: Imported = { promise, key: undefined }
    void promise.then((value) => {
      entry.key = value
    })
    imported = entry
    byAlg.set(alg, imported)
  }
  return imported
}

/**
 * Verifies an RSA JWS signature with WebCrypto (`crypto.subtle`), for runtimes without `node:crypto` (Cloudflare
 * Workers). The header and claim rules were applied before, and the segments decoded by the same strict code as on
 * the Node path; this checks only the signature, with the configured algorithm. The `CryptoKey` is imported once per
 * JWKS key and algorithm.
 *
 * @param alg - Configured algorithm the header was checked against.
 * @param key - The JWKS key selected by `kid`.
 * @param signingInput - `<header>.<payload>` as received (ASCII: checked by the decoders).
 * @param signature - Decoded signature bytes, possibly a view of the shared buffer (copied before any wait).
 * @returns Whether the signature is valid; never rejects for a bad signature.
 * @example
 * await verifyWithWebCrypto('RS256', key, jwt.signingInput, signature)
 */
export async function verifyWithWebCrypto(
  alg: RsaAlgorithm,
  key: JwksKey,
  signingInput: string,
  signature: Uint8Array,
): Promise<boolean> {
  const imported = importFor(key, alg)
  let bytes = signature
  let cryptoKey = imported.key
  if (cryptoKey === undefined) {
    // The signature may be a view of a buffer other verifications reuse while this one waits: keep a copy (with
    // the Uint8Array constructor: a Buffer's `slice` is a view).
    bytes = new Uint8Array(signature)
    cryptoKey = await imported.promise
  }
  if (cryptoKey === null) return false
  try {
    return await crypto.subtle.verify(
      ALGORITHMS[alg].verifyParams,
      cryptoKey,
      bytes as Uint8Array<ArrayBuffer>,
      signingInputBytes(signingInput),
    )
  } catch {
    // WebCrypto rejects rather than answering false for some malformed signatures (e.g. the wrong length).
    return false
  }
}
