import { CLIENT_ID, issuerOf, NOW_S, PROJECT_ID, RAW_KID } from '../support/constants.js'

/** The header of a Stytch M2M token signed by the corpus's raw key; `undefined` overrides drop a member. */
export function rawHeader(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { alg: 'RS256', kid: RAW_KID, typ: 'JWT', ...overrides }
}

/**
 * The claims of a valid Stytch M2M token at the corpus's fixed time, in Stytch's order; `undefined` overrides drop a
 * claim (JSON.stringify leaves it out).
 */
export function stytchClaims(
  overrides: Record<string, unknown> = {},
  projectId: string = PROJECT_ID,
): Record<string, unknown> {
  return {
    sub: CLIENT_ID,
    iss: issuerOf(projectId),
    aud: [projectId],
    scope: 'read:users write:users',
    iat: NOW_S,
    nbf: NOW_S,
    exp: NOW_S + 3600,
    ...overrides,
  }
}
