import { InvalidTokenError } from '../errors/error-classes.js'

/** A compact JWS split into its segments, nothing decoded yet. */
export interface JwtSegments {
  /** The base64url header segment. */
  readonly header: string
  /** The base64url payload segment. */
  readonly payload: string
  /** `<header>.<payload>` exactly as received: the JWS signing input. */
  readonly signingInput: string
  /** The base64url signature segment. */
  readonly signature: string
}

/**
 * Splits a compact JWS without decoding or trusting anything in it: the payload is only parsed once the signature
 * has been verified.
 *
 * @param token - The token string.
 * @param maxLength - Longest accepted token, checked before anything else.
 * @returns The segments and the signing input.
 * @throws {InvalidTokenError} `ERR_TOKEN_TOO_LARGE`, `ERR_TOKEN_MALFORMED`.
 * @example
 * const { header, payload, signature } = splitJwt(token, 8192)
 */
export function splitJwt(token: string, maxLength: number): JwtSegments {
  if (token.length > maxLength) throw new InvalidTokenError('ERR_TOKEN_TOO_LARGE')
  // Only the dots here: each segment is checked character by character when it is decoded (`decodeBase64urlInto`),
  // before anything reads its bytes or the signing input.
  const first = token.indexOf('.')
  const second = first === -1 ? -1 : token.indexOf('.', first + 1)
  if (first < 1 || second <= first + 1 || token.indexOf('.', second + 1) !== -1) {
    throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  }
  return {
    header: token.slice(0, first),
    payload: token.slice(first + 1, second),
    signingInput: token.slice(0, second),
    signature: token.slice(second + 1),
  }
}
