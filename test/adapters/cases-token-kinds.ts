import { expect } from 'vitest'
import type { Case, Expected } from './cases.js'
import { CLIENT_ID, CONNECTED_APP_ID } from './tokens.js'

// Token kinds (issue 12): Stytch signs M2M, Connected Apps and session tokens with the same keys, so the adapters
// must refuse the kinds a route does not accept, and say which kind the caller is where several are accepted.

const described = expect.any(String)
const bearer = (token: string): string => `Bearer ${token}`
const challenge = { realm: 'api', error: 'invalid_token', error_description: described }

function ok(path: string, kind: string, clientId: string, scopes: string[]): Expected {
  return { status: 200, challenge: null, body: { route: path, kind, clientId, scopes }, handled: true }
}
const invalidToken: Expected = {
  status: 401,
  challenge,
  body: { error: 'invalid_token', error_description: described },
  handled: false,
}

export const TOKEN_KIND_CASES: readonly Case[] = [
  // The auth bypass: a Connected Apps token carrying the route's scopes must not pass an M2M-only route.
  {
    name: 'a Connected Apps token on an M2M-only route',
    path: '/protected',
    authorization: (t) => bearer(t.connectedApp),
    expected: invalidToken,
  },
  {
    name: 'a Connected Apps token with the required scope on an M2M-only scoped route',
    path: '/any',
    authorization: (t) => bearer(t.connectedApp),
    expected: invalidToken,
  },
  {
    name: 'delegated: a Connected Apps token on an M2M-only route (ERR_TOKEN_TYPE)',
    path: '/delegate',
    authorization: (t) => bearer(t.connectedApp),
    expected: { status: 401, challenge, body: { handledBy: 'framework', code: 'ERR_TOKEN_TYPE' }, handled: false },
  },
  {
    name: 'delegated: a B2B Connected Apps token on an M2M-only route (ERR_TOKEN_TYPE)',
    path: '/delegate',
    authorization: (t) => bearer(t.connectedAppB2b),
    expected: { status: 401, challenge, body: { handledBy: 'framework', code: 'ERR_TOKEN_TYPE' }, handled: false },
  },

  // A route accepting both kinds hands the handler a caller whose kind tells them apart.
  {
    name: 'an M2M token where both kinds are accepted',
    path: '/kinds',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/kinds', 'm2m', CLIENT_ID, ['read:users']),
  },
  {
    name: 'a Connected Apps token where both kinds are accepted',
    path: '/kinds',
    authorization: (t) => bearer(t.connectedApp),
    expected: ok('/kinds', 'connected-app', CONNECTED_APP_ID, ['openid', 'read:users']),
  },
  {
    name: 'a B2B Connected Apps token where both kinds are accepted',
    path: '/kinds',
    authorization: (t) => bearer(t.connectedAppB2b),
    expected: ok('/kinds', 'connected-app', CONNECTED_APP_ID, ['openid', 'read:users']),
  },
  {
    name: 'a Connected Apps token with the scope a scoped route of both kinds requires',
    path: '/kinds-scoped',
    authorization: (t) => bearer(t.connectedApp),
    expected: ok('/kinds-scoped', 'connected-app', CONNECTED_APP_ID, ['openid', 'read:users']),
  },
  {
    name: 'a Connected Apps token without the scope a scoped route of both kinds requires',
    path: '/kinds-scoped',
    authorization: (t) => bearer(t.hostile.connectedApp),
    expected: {
      status: 403,
      challenge: { realm: 'api', error: 'insufficient_scope', error_description: described, scope: 'read:users' },
      body: { error: 'insufficient_scope', error_description: described },
      handled: false,
    },
  },
  {
    name: 'a session JWT where both kinds are accepted',
    path: '/kinds',
    authorization: (t) => bearer(t.hostile.sessionJwt),
    expected: invalidToken,
  },
]
