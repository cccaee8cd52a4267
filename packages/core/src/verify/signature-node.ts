import type * as NodeCrypto from 'node:crypto'
import type { JwksKey } from '../jwks/jwks-source.js'
import { nodeBuiltin } from '../runtime/node-builtins.js'
import { signingInputBytes } from './base64url.js'
import type { RsaAlgorithm } from './verifier-options.js'

/** `node:crypto`, when the runtime has it (see {@link nodeBuiltin}). */
export const nodeCrypto: typeof NodeCrypto | undefined = nodeBuiltin<typeof NodeCrypto>('node:crypto')

const DIGESTS: Record<RsaAlgorithm, string> = {
  RS256: 'sha256',
  RS384: 'sha384',
  RS512: 'sha512',
  PS256: 'sha256',
  PS384: 'sha384',
  PS512: 'sha512',
}
const PSS_SALT: Partial<Record<RsaAlgorithm, number>> = { PS256: 32, PS384: 48, PS512: 64 }

/** KeyObjects built once per JWKS key object; the JWKS cache keeps key identity while a key is unchanged. */
const keyObjects = new WeakMap<JwksKey, NodeCrypto.KeyObject>()

function keyObjectFor(crypto: typeof NodeCrypto, key: JwksKey): NodeCrypto.KeyObject {
  let keyObject = keyObjects.get(key)
  if (keyObject === undefined) {
    keyObject = crypto.createPublicKey({ key: { kty: 'RSA', n: key.jwk.n, e: key.jwk.e }, format: 'jwk' })
    keyObjects.set(key, keyObject)
  }
  return keyObject
}

/**
 * Verifies an RSA JWS signature with `node:crypto`'s synchronous `verify` (about five times cheaper than WebCrypto
 * on Node 20 for RS256).
 *
 * @param alg - Configured algorithm the header was checked against.
 * @param key - The JWKS key selected by `kid`.
 * @param signingInput - `<header>.<payload>` as received.
 * @param signature - Decoded signature bytes.
 * @returns Whether the signature is valid; never throws for a bad signature.
 * @example
 * verifyWithNodeCrypto('RS256', key, input, signature)
 */
export function verifyWithNodeCrypto(
  alg: RsaAlgorithm,
  key: JwksKey,
  signingInput: string,
  signature: Uint8Array,
): boolean {
  const crypto = nodeCrypto
  if (crypto === undefined) throw new Error('node:crypto is not available')
  const keyObject = keyObjectFor(crypto, key)
  const saltLength = PSS_SALT[alg]
  const verifyKey =
    saltLength === undefined
      ? keyObject
      : { key: keyObject, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength }
  try {
    return crypto.verify(DIGESTS[alg], signingInputBytes(signingInput), verifyKey, signature)
  } catch {
    // OpenSSL rejects some malformed signatures by throwing rather than returning false.
    return false
  }
}
