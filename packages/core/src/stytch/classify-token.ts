import { InvalidTokenError } from '../errors/error-classes.js'
import type { TokenKind } from '../verify/m2m-auth.js'

/** The claim only Stytch session JWTs carry. */
export const STYTCH_SESSION_CLAIM = 'https://stytch.com/session'
/** The claim of B2B session JWTs and B2B Connected Apps access tokens: `{ organization_id, slug }`. */
export const STYTCH_ORGANIZATION_CLAIM = 'https://stytch.com/organization'

/** Every kind of token Stytch signs with the project's keys, plus `'unknown'` for a shape that fits none. */
export type StytchTokenShape = TokenKind | 'session' | 'unknown'

/** Fixed, client-safe descriptions: they name the kind that was refused, never anything from the token. */
const REFUSED: Record<StytchTokenShape, string> = {
  session: 'A Stytch session JWT is not accepted here',
  m2m: 'An M2M access token is not accepted here',
  'connected-app': 'A Connected Apps access token is not accepted here',
  unknown: 'The access token matches no known Stytch token kind',
}
/** Why an M2M-looking token with a `client_id` claim is refused: the likely cause is the project's template. */
const CLIENT_ID_ON_MACHINE =
  'The access token carries a client_id claim but no user or member subject: an M2M custom-claims template must not emit client_id'

const isUserOrMember = (sub: string): boolean => sub.startsWith('user-') || sub.startsWith('member-')

function hasOrganizationId(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const id = (value as Record<string, unknown>).organization_id
  return typeof id === 'string' && id !== ''
}

/**
 * Tells Stytch's token kinds apart. Stytch signs session JWTs, M2M access tokens and Connected Apps access tokens
 * with the same keys, issuer and audience, so only the claims differ:
 *
 * 1. a `https://stytch.com/session` claim (any value) → `'session'`;
 * 2. a `client_id` claim → `'connected-app'` when it is a non-empty string and `sub` is `user-…` without an
 *    organization claim (consumer) or `member-…` with an organization claim holding a string `organization_id`
 *    (B2B); any other token with a `client_id` claim → `'unknown'`;
 * 3. no `client_id`: `'m2m'` when there is no organization claim and `sub` starts with neither `user-` nor
 *    `member-`; otherwise `'unknown'`.
 *
 * @param payload - A payload whose signature and claims were verified (`sub` is a non-empty string).
 * @returns The shape of the token.
 * @example
 * classifyStytchToken({ sub: 'm2m-client-test-1', scope: 'read:users' }) // 'm2m'
 */
export function classifyStytchToken(payload: Readonly<Record<string, unknown>>): StytchTokenShape {
  if (Object.hasOwn(payload, STYTCH_SESSION_CLAIM)) return 'session'
  const sub = payload.sub as string
  const hasOrganization = Object.hasOwn(payload, STYTCH_ORGANIZATION_CLAIM)
  if (Object.hasOwn(payload, 'client_id')) {
    const clientId = payload.client_id
    if (typeof clientId !== 'string' || clientId === '') return 'unknown'
    if (sub.startsWith('user-') && !hasOrganization) return 'connected-app'
    if (sub.startsWith('member-') && hasOrganizationId(payload[STYTCH_ORGANIZATION_CLAIM])) return 'connected-app'
    return 'unknown'
  }
  return hasOrganization || isUserOrMember(sub) ? 'unknown' : 'm2m'
}

/**
 * Classifies a verified payload and refuses every kind the verifier does not accept. Runs once per token, after the
 * signature, issuer, audience and time checks (results are cached).
 *
 * @param payload - The verified payload.
 * @param accepted - The kinds this verifier accepts.
 * @returns The token's kind, one of `accepted`.
 * @throws {InvalidTokenError} `ERR_TOKEN_TYPE`, whose description names the refused kind (or why none fits).
 * @example
 * const kind = acceptTokenKind(payload, new Set(['m2m']))
 */
export function acceptTokenKind(
  payload: Readonly<Record<string, unknown>>,
  accepted: ReadonlySet<TokenKind>,
): TokenKind {
  const shape = classifyStytchToken(payload)
  if (shape === 'session' || shape === 'unknown') {
    const machineWithClientId =
      shape === 'unknown' && Object.hasOwn(payload, 'client_id') && !isUserOrMember(payload.sub as string)
    throw new InvalidTokenError(
      'ERR_TOKEN_TYPE',
      undefined,
      machineWithClientId ? CLIENT_ID_ON_MACHINE : REFUSED[shape],
    )
  }
  if (!accepted.has(shape)) throw new InvalidTokenError('ERR_TOKEN_TYPE', undefined, REFUSED[shape])
  return shape
}
