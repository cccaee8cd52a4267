import { InvalidTokenError } from '../errors/error-classes.js'
import { splitJwt } from '../verify/decode-jwt.js'
import { decodeJsonText, parseJsonText } from '../verify/json-segment.js'
import type { TokenRevocation } from './revocation-rule.js'
import { tokenSha256 } from './token-hash.js'

/**
 * The "this token" rule for a token someone reported leaked: by its `jti` when it has one, otherwise by its SHA-256,
 * expiring with the token's `exp`. The token is decoded, not verified: the rule only ever matches tokens that
 * verify, so a forged token yields a rule that covers nothing.
 *
 * @param token - The compact JWS.
 * @param reason - Why, for people reading `list`.
 * @returns The rule, ready for `add()` or a store.
 * @throws {InvalidTokenError} `ERR_TOKEN_MALFORMED` when the token cannot be decoded or has no numeric `exp`.
 * @example
 * revocations.add(tokenRevocation(leakedToken, 'pasted in a public issue'))
 */
export function tokenRevocation(token: string, reason?: string): TokenRevocation {
  const payload = parseJsonText(decodeJsonText(splitJwt(token, Number.MAX_SAFE_INTEGER).payload))
  const { exp, jti } = payload
  if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
  const extra = reason === undefined ? {} : { reason }
  return typeof jti === 'string' && jti !== ''
    ? { type: 'token', jti, expiresAt: exp, ...extra }
    : { type: 'token', sha256: tokenSha256(token), tail: token.slice(-12), expiresAt: exp, ...extra }
}
