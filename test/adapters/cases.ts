import { expect } from 'vitest'
import { CLIENT_ID, HOSTILE, type HostileName, type Tokens } from './tokens.js'

/** What a request must produce, on every framework. */
export interface Expected {
  status: number
  /** The `WWW-Authenticate` params (`error_description` only checked for presence), or `null` for no header. */
  challenge: Record<string, unknown> | null
  /** The JSON body, or `'framework-specific'` when the framework's default error handler renders it. */
  body: unknown
  /** Whether the route handler ran. */
  handled: boolean
  /** Whether a numeric `Retry-After` is required (and otherwise absent). */
  retryAfter?: boolean
}

/** One row of the behaviour table. */
export interface Case {
  name: string
  path: string
  /** The `Authorization` header(s) to send; an array sends the header several times; `undefined` sends none. */
  authorization: (tokens: Tokens) => string | string[] | undefined
  /** The request method; default `GET`. */
  method?: 'GET' | 'OPTIONS'
  /** Other request headers. */
  headers?: Record<string, string>
  expected: Expected
}

const described = expect.any(String)

function ok(path: string, scopes: string[] | null, clientId: string | null = CLIENT_ID): Expected {
  const kind = clientId === null ? null : 'm2m'
  return { status: 200, challenge: null, body: { route: path, kind, clientId, scopes }, handled: true }
}

function answered(status: number, error: string, challenge: Record<string, unknown> | null): Expected {
  return { status, challenge, body: { error, error_description: described }, handled: false }
}

const missing = (realm = 'api'): Expected => answered(401, 'unauthorized', { realm })
const invalidRequest = (realm = 'api'): Expected =>
  answered(400, 'invalid_request', { realm, error: 'invalid_request', error_description: described })
const invalidToken = (realm = 'api'): Expected =>
  answered(401, 'invalid_token', { realm, error: 'invalid_token', error_description: described })
const insufficient = (scope: unknown, realm = 'api'): Expected =>
  answered(403, 'insufficient_scope', { realm, error: 'insufficient_scope', error_description: described, scope })
const jwksDown: Expected = { ...answered(503, 'temporarily_unavailable', null), retryAfter: true }

function byFramework(status: number, code: string | null, challenge: Record<string, unknown> | null): Expected {
  return { status, challenge, body: { handledBy: 'framework', code }, handled: false }
}

/** A CORS preflight (or a plain `OPTIONS`) that reached the route's `OPTIONS` handler, with the caller it saw. */
function optionsHandled(path: string, scopes: string[] | null = null, clientId: string | null = null): Expected {
  return { status: 200, challenge: null, body: { route: path, options: true, clientId, scopes }, handled: true }
}

const bearer = (token: string): string => `Bearer ${token}`
/** What a browser sends before a cross-origin GET with an `Authorization` header. */
const PREFLIGHT: Record<string, string> = {
  origin: 'https://inspector.example',
  'access-control-request-method': 'GET',
  'access-control-request-headers': 'authorization',
}
const preflight = (name: string, path: string, expected = optionsHandled(path)): Case => ({
  name: `issue 11: CORS preflight, ${name}`,
  path,
  method: 'OPTIONS',
  headers: PREFLIGHT,
  authorization: () => undefined,
  expected,
})
const hostileNames = Object.keys(HOSTILE) as HostileName[]

export const CASES: readonly Case[] = [
  // A valid token reaches the handler with the verified caller.
  {
    name: 'a valid token',
    path: '/protected',
    authorization: (t) => bearer(t.readWrite),
    expected: ok('/protected', ['read:users', 'write:users']),
  },
  {
    name: 'a valid token, adapter given Stytch options',
    path: '/stytch-options',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/stytch-options', ['read:users']),
  },
  {
    name: 'a valid token with a lower-case scheme',
    path: '/protected',
    authorization: (t) => `bearer ${t.readOnly}`,
    expected: ok('/protected', ['read:users']),
  },

  // Every hostile token is refused with 401 invalid_token before the handler, and for the right reason (the code
  // reaches the framework's error handler in delegate mode).
  ...hostileNames.map(
    (name): Case => ({
      name: `hostile token: ${name}`,
      path: '/protected',
      authorization: (t) => bearer(t.hostile[name]),
      expected: invalidToken(),
    }),
  ),
  ...hostileNames.map(
    (name): Case => ({
      name: `delegated: hostile token ${name}`,
      path: '/delegate',
      authorization: (t) => bearer(t.hostile[name]),
      expected: byFramework(401, HOSTILE[name], { realm: 'api', error: 'invalid_token', error_description: described }),
    }),
  ),

  // The Authorization header itself.
  { name: 'no Authorization header', path: '/protected', authorization: () => undefined, expected: missing() },
  { name: 'an empty Authorization header', path: '/protected', authorization: () => '', expected: missing() },
  {
    name: 'another scheme (Basic)',
    path: '/protected',
    authorization: () => 'Basic dXNlcjpwYXNz',
    expected: missing(),
  },
  {
    name: 'the Bearer scheme without a token',
    path: '/protected',
    authorization: () => 'Bearer',
    expected: invalidRequest(),
  },
  {
    name: 'a token with characters outside b64token',
    path: '/protected',
    authorization: () => 'Bearer abc$def',
    expected: invalidRequest(),
  },
  {
    name: 'a token with a space inside',
    path: '/protected',
    authorization: (t) => `Bearer ${t.readOnly.slice(0, 20)} ${t.readOnly.slice(20)}`,
    expected: invalidRequest(),
  },
  {
    name: 'two Authorization headers, both valid',
    path: '/protected',
    authorization: (t) => [bearer(t.readOnly), bearer(t.readWrite)],
    expected: invalidRequest(),
  },
  {
    name: 'two Authorization headers, Bearer and Basic',
    path: '/protected',
    authorization: (t) => ['Basic dXNlcjpwYXNz', bearer(t.readOnly)],
    expected: invalidRequest(),
  },

  // Issue 11: `Bearer` followed by a TAB is a malformed bearer header (RFC 6750 §2.1 allows only SP there), not
  // another scheme, so even optional auth answers 400. Node's parser keeps a TAB inside a header value.
  {
    name: 'issue 11: a TAB between Bearer and the token',
    path: '/protected',
    authorization: (t) => `Bearer\t${t.readOnly}`,
    expected: invalidRequest(),
  },
  {
    name: 'issue 11: optional auth, a TAB between Bearer and the token',
    path: '/optional',
    authorization: (t) => `Bearer\t${t.readOnly}`,
    expected: invalidRequest(),
  },
  {
    name: 'issue 11: several spaces between Bearer and the token (1*SP)',
    path: '/protected',
    authorization: (t) => `Bearer   ${t.readOnly}`,
    expected: ok('/protected', ['read:users']),
  },

  // Issue 11: a CORS preflight carries no credentials by design; the guard and the scope gates let it through,
  // unauthenticated and without a caller, to the route's OPTIONS handler (the CORS handling). Only OPTIONS with
  // Access-Control-Request-Method counts: a plain OPTIONS, or a GET with that header, is authenticated.
  preflight('a protected route', '/protected'),
  preflight('requireScopes after the guard', '/all'),
  preflight('requireAnyScope after the guard', '/any'),
  preflight('scopes given as adapter options', '/option-scopes'),
  preflight('a custom realm and requireScopes', '/realm'),
  preflight('delegate mode and requireScopes', '/delegate'),
  preflight('JWKS down', '/jwks-down'),
  {
    ...preflight('a token sent along is not verified and sets no caller', '/all'),
    authorization: (t) => bearer(t.readOnly),
  },
  {
    ...preflight('a malformed Authorization header sent along is ignored', '/protected'),
    authorization: () => 'Bearer\tabc',
  },
  {
    name: 'issue 11: a plain OPTIONS without Access-Control-Request-Method, no token',
    path: '/protected',
    method: 'OPTIONS',
    headers: { origin: 'https://inspector.example' },
    authorization: () => undefined,
    expected: missing(),
  },
  {
    name: 'issue 11: a plain OPTIONS without Access-Control-Request-Method, a valid token',
    path: '/all',
    method: 'OPTIONS',
    authorization: (t) => bearer(t.readWrite),
    expected: optionsHandled('/all', ['read:users', 'write:users'], CLIENT_ID),
  },
  {
    name: 'issue 11: a plain OPTIONS without Access-Control-Request-Method, a missing scope',
    path: '/all',
    method: 'OPTIONS',
    authorization: (t) => bearer(t.readOnly),
    expected: insufficient('read:users write:users'),
  },
  {
    name: 'issue 11: OPTIONS with an empty Access-Control-Request-Method, no token',
    path: '/protected',
    method: 'OPTIONS',
    headers: { ...PREFLIGHT, 'access-control-request-method': '' },
    authorization: () => undefined,
    expected: missing(),
  },
  {
    name: 'issue 11: a GET with Access-Control-Request-Method, no token',
    path: '/protected',
    headers: PREFLIGHT,
    authorization: () => undefined,
    expected: missing(),
  },

  // Scopes: requireScopes (all-of), requireAnyScope (any-of), the wildcard, and scopes given as adapter options.
  {
    name: 'all-of scopes granted',
    path: '/all',
    authorization: (t) => bearer(t.readWrite),
    expected: ok('/all', ['read:users', 'write:users']),
  },
  {
    name: 'all-of scopes, one missing',
    path: '/all',
    authorization: (t) => bearer(t.readOnly),
    expected: insufficient('read:users write:users'),
  },
  {
    name: 'any-of scopes, one granted',
    path: '/any',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/any', ['read:users']),
  },
  {
    name: 'any-of scopes, none granted',
    path: '/any',
    authorization: (t) => bearer(t.writeOnly),
    expected: insufficient('read:users admin:*'),
  },
  {
    name: 'a granted read:* covers a required read:books',
    path: '/wildcard',
    authorization: (t) => bearer(t.readWildcard),
    expected: ok('/wildcard', ['read:*']),
  },
  {
    name: 'a granted admin:* does not cover a required read:books',
    path: '/wildcard',
    authorization: (t) => bearer(t.admin),
    expected: insufficient('read:books'),
  },
  {
    name: 'option scopes (all-of and any-of) granted',
    path: '/option-scopes',
    authorization: (t) => bearer(t.readWrite),
    expected: ok('/option-scopes', ['read:users', 'write:users']),
  },
  {
    name: 'option scopes, the all-of scope missing',
    path: '/option-scopes',
    authorization: (t) => bearer(t.writeOnly),
    expected: insufficient('read:users'),
  },
  {
    name: 'option scopes, no any-of scope granted',
    path: '/option-scopes',
    authorization: (t) => bearer(t.readOnly),
    expected: insufficient(described),
  },

  // maxTokenAge per route.
  {
    name: 'a token younger than maxTokenAge',
    path: '/max-age',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/max-age', ['read:users']),
  },
  {
    name: 'a token older than maxTokenAge',
    path: '/max-age',
    authorization: (t) => bearer(t.twoMinutesOld),
    expected: invalidToken(),
  },
  {
    name: 'the same old token where no maxTokenAge applies',
    path: '/protected',
    authorization: (t) => bearer(t.twoMinutesOld),
    expected: ok('/protected', ['read:users']),
  },

  // Optional authentication: a missing token passes without a caller; a present token must still be valid.
  {
    name: 'optional auth, no token',
    path: '/optional',
    authorization: () => undefined,
    expected: ok('/optional', null, null),
  },
  {
    name: 'optional auth, a valid token',
    path: '/optional',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/optional', ['read:users']),
  },
  {
    name: 'optional auth, another scheme',
    path: '/optional',
    authorization: () => 'Basic dXNlcjpwYXNz',
    expected: ok('/optional', null, null),
  },
  {
    name: 'optional auth, an expired token',
    path: '/optional',
    authorization: (t) => bearer(t.hostile.expired),
    expected: invalidToken(),
  },
  {
    name: 'optional auth, a forged signature',
    path: '/optional',
    authorization: (t) => bearer(t.hostile.foreignKey),
    expected: invalidToken(),
  },
  {
    name: 'optional auth, a malformed header',
    path: '/optional',
    authorization: () => 'Bearer',
    expected: invalidRequest(),
  },
  {
    name: 'optional auth, two Authorization headers',
    path: '/optional',
    authorization: (t) => [bearer(t.readOnly), bearer(t.readOnly)],
    expected: invalidRequest(),
  },
  {
    name: 'optional auth then requireScopes, no token',
    path: '/optional-scoped',
    authorization: () => undefined,
    expected: missing(),
  },
  {
    name: 'optional auth then requireScopes, a valid token',
    path: '/optional-scoped',
    authorization: (t) => bearer(t.readOnly),
    expected: ok('/optional-scoped', ['read:users']),
  },

  // A custom realm reaches every challenge, including the one requireScopes sends.
  { name: 'custom realm, no token', path: '/realm', authorization: () => undefined, expected: missing('orders') },
  {
    name: 'custom realm, an invalid token',
    path: '/realm',
    authorization: (t) => bearer(t.hostile.wrongAudience),
    expected: invalidToken('orders'),
  },
  {
    name: 'custom realm, a missing scope',
    path: '/realm',
    authorization: (t) => bearer(t.readWrite),
    expected: insufficient('admin:*', 'orders'),
  },

  // The JWKS endpoint is down: 503 with Retry-After and no challenge (the caller did nothing wrong).
  { name: 'JWKS down', path: '/jwks-down', authorization: (t) => bearer(t.fromDownProject), expected: jwksDown },
  { name: 'JWKS down, no token', path: '/jwks-down', authorization: () => undefined, expected: missing() },

  // errorHandling: 'delegate' hands every failure to the framework's own error handling.
  {
    name: 'delegated: no token',
    path: '/delegate',
    authorization: () => undefined,
    expected: byFramework(401, 'ERR_MISSING_TOKEN', { realm: 'api' }),
  },
  {
    name: 'delegated: two Authorization headers',
    path: '/delegate',
    authorization: (t) => [bearer(t.admin), bearer(t.admin)],
    expected: byFramework(400, 'ERR_INVALID_REQUEST', {
      realm: 'api',
      error: 'invalid_request',
      error_description: described,
    }),
  },
  {
    name: 'delegated: a missing scope in requireScopes',
    path: '/delegate',
    authorization: (t) => bearer(t.readWrite),
    expected: byFramework(403, 'ERR_INSUFFICIENT_SCOPE', {
      realm: 'api',
      error: 'insufficient_scope',
      error_description: described,
      scope: 'admin:*',
    }),
  },
  {
    name: 'delegated: a valid token with the scope',
    path: '/delegate',
    authorization: (t) => bearer(t.admin),
    expected: ok('/delegate', ['admin:*']),
  },
  {
    name: 'delegated: JWKS down',
    path: '/delegate-jwks-down',
    authorization: (t) => bearer(t.fromDownProject),
    expected: { ...byFramework(503, 'ERR_JWKS_UNAVAILABLE', null), retryAfter: true },
  },
  {
    name: "delegated to the framework's default handler",
    path: '/delegate-default',
    authorization: (t) => bearer(t.hostile.tamperedPayload),
    expected: {
      status: 401,
      challenge: { realm: 'api', error: 'invalid_token', error_description: described },
      body: 'framework-specific',
      handled: false,
    },
  },

  // A bug (not an M2MAuthError) always goes to the framework, even in respond mode.
  {
    name: 'a verifier bug',
    path: '/bug',
    authorization: (t) => bearer(t.readOnly),
    expected: byFramework(500, null, null),
  },
]
