import { invalidOption } from '@m2m-guard/core/options'
import { base64url, exportJWK, importJWK, type JWK, type KeyObject } from 'jose'

/** Key material {@link signCompact} accepts: an asymmetric key in any form jose knows, or an HMAC secret. */
export type KeyMaterial = CryptoKey | KeyObject | JWK | Uint8Array

const encoder = new TextEncoder()

/**
 * Signs exact header and payload bytes into a compact JWS.
 *
 * jose's signers serialize the header themselves, so they cannot sign a header that is not valid JSON, has duplicate
 * members, or declares an algorithm other than the key's; forging needs exactly that. The signature itself is
 * WebCrypto's, with the JWA (RFC 7518 §3) parameters below.
 *
 * @param header - The protected header, byte-for-byte.
 * @param payload - The payload, byte-for-byte.
 * @param key - The key, or `null` for an unsecured JWS (empty signature).
 * @param alg - The JWA algorithm to sign with; ignored when `key` is `null`.
 */
export async function signCompact(
  header: string,
  payload: string,
  key: KeyMaterial | null,
  alg: string,
): Promise<string> {
  const signingInput = `${base64url.encode(encoder.encode(header))}.${base64url.encode(encoder.encode(payload))}`
  if (key === null) return `${signingInput}.`
  const cryptoKey = await toCryptoKey(key, alg)
  const signature = await globalThis.crypto.subtle.sign(signParams(alg), cryptoKey, encoder.encode(signingInput))
  return `${signingInput}.${base64url.encode(new Uint8Array(signature))}`
}

const HASHES: Record<string, string> = { '256': 'SHA-256', '384': 'SHA-384', '512': 'SHA-512' }

// RFC 7518 §3.1: the WebCrypto algorithm behind each JWS `alg`.
function webCryptoName(alg: string): { name: string; hash?: string } {
  const family = alg.slice(0, 2)
  const hash = HASHES[alg.slice(2)]
  if (alg === 'EdDSA' || alg === 'Ed25519') return { name: 'Ed25519' }
  if (hash !== undefined) {
    if (family === 'RS') return { name: 'RSASSA-PKCS1-v1_5', hash }
    if (family === 'PS') return { name: 'RSA-PSS', hash }
    if (family === 'ES') return { name: 'ECDSA', hash }
    if (family === 'HS') return { name: 'HMAC', hash }
  }
  return invalidOption('alg', 'a JWS signing algorithm (RS*, PS*, ES*, HS*, EdDSA or none)')
}

function signParams(alg: string): AlgorithmIdentifier | RsaPssParams | EcdsaParams {
  const { name, hash } = webCryptoName(alg)
  if (name === 'RSA-PSS') return { name, saltLength: Number(alg.slice(2)) / 8 }
  if (name === 'ECDSA') return { name, hash: hash! }
  return { name }
}

async function toCryptoKey(key: KeyMaterial, alg: string): Promise<CryptoKey> {
  const wanted = webCryptoName(alg)
  if (key instanceof Uint8Array) {
    // A byte secret is an HMAC key: the alg (from the option or the header) must say so.
    if (wanted.name !== 'HMAC') invalidOption('alg', 'an HS* algorithm when "key" is a byte secret')
    // Copied so the view is backed by a plain ArrayBuffer, as WebCrypto's types require.
    return globalThis.crypto.subtle.importKey('raw', new Uint8Array(key), { name: 'HMAC', hash: wanted.hash! }, false, [
      'sign',
    ])
  }
  if (isCryptoKey(key)) {
    const algorithm = key.algorithm as KeyAlgorithm & { hash?: { name: string } }
    if (algorithm.name === wanted.name && algorithm.hash?.name === wanted.hash) return key
    if (!key.extractable) invalidOption('key', `an extractable CryptoKey to sign ${alg} with it`)
  }
  // Re-import through a JWK so one key pair can sign with any algorithm of its family (RS256 key → PS384 …).
  const { alg: _ignored, key_ops: _ops, use: _use, ...jwk } = isJwk(key) ? key : await exportJWK(key)
  const imported = await importJWK(jwk, alg)
  return imported instanceof Uint8Array ? toCryptoKey(imported, alg) : imported
}

const isCryptoKey = (key: KeyMaterial): key is CryptoKey => typeof CryptoKey !== 'undefined' && key instanceof CryptoKey

const isJwk = (key: KeyMaterial): key is JWK => typeof (key as JWK).kty === 'string'
