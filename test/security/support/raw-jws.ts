import { constants, createHmac, type KeyObject, sign } from 'node:crypto'

/** base64url without padding; strings are encoded as UTF-8. */
export function b64url(input: string | Uint8Array): string {
  return (typeof input === 'string' ? Buffer.from(input, 'utf8') : Buffer.from(input)).toString('base64url')
}

/** The base64url segment of a JSON value; a string is taken as the exact JSON text. */
export function segment(value: unknown): string {
  return b64url(typeof value === 'string' ? value : JSON.stringify(value))
}

/** A signing key: an asymmetric private KeyObject, or the bytes of an HMAC secret. */
export type SigningKey = KeyObject | Uint8Array

const BITS = /^(?:RS|PS|ES|HS)(256|384|512)$/

/**
 * Signs `input` with the JWA algorithm `alg` (RFC 7518 §3), whatever the header says: forging needs exactly that.
 *
 * @param alg - RS*, PS*, ES*, HS* or EdDSA.
 * @param key - The private key, or the HMAC secret for HS*.
 * @param input - The JWS signing input, `<header>.<payload>`.
 * @returns The base64url signature.
 */
export function signatureOf(alg: string, key: SigningKey, input: string): string {
  const data = Buffer.from(input, 'utf8')
  if (alg === 'EdDSA') return b64url(sign(null, data, key as KeyObject))
  const bits = BITS.exec(alg)?.[1]
  if (bits === undefined) throw new TypeError(`unsupported alg ${alg}`)
  const hash = `sha${bits}`
  if (alg.startsWith('HS'))
    return b64url(
      createHmac(hash, key as Uint8Array)
        .update(data)
        .digest(),
    )
  const privateKey = key as KeyObject
  if (alg.startsWith('PS')) {
    const options = { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(bits) / 8 }
    return b64url(sign(hash, data, options))
  }
  if (alg.startsWith('ES')) return b64url(sign(hash, data, { key: privateKey, dsaEncoding: 'ieee-p1363' }))
  return b64url(sign(hash, data, privateKey))
}

/** Signs two raw segments (used byte for byte, even when they are not valid base64url). */
export function signSegments(header: string, payload: string, key: SigningKey, alg = 'RS256'): string {
  return `${header}.${payload}.${signatureOf(alg, key, `${header}.${payload}`)}`
}
