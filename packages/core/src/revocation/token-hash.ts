import { nodeBuiltin } from '../runtime/node-builtins.js'

type NodeCrypto = typeof import('node:crypto')
const crypto = nodeBuiltin<NodeCrypto>('node:crypto')

/**
 * Whether this runtime can hash tokens synchronously (`node:crypto`); rules by SHA-256 need it, rules by `jti` do not.
 */
export const canHashTokens: boolean = crypto !== undefined

/**
 * The SHA-256 of a token string, base64url without padding: the id of a "this token" rule when the token has no
 * `jti`. Core refuses every non-canonical base64url spelling, so one token has one string and one hash.
 *
 * @param token - The compact JWS.
 * @returns 43 base64url characters.
 * @throws {TypeError} outside Node (no synchronous SHA-256 there).
 * @example
 * tokenSha256(token) // 'q1Mz…'
 */
export function tokenSha256(token: string): string {
  if (crypto === undefined) throw new TypeError('m2m-guard: revoking a token by its hash needs node:crypto')
  return crypto.createHash('sha256').update(token, 'latin1').digest('base64url')
}
