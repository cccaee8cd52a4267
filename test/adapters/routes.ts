import { createStytchVerifier, type Verifier } from '@m2m-guard/core'
import type { GuardOptions, M2MAuthOptions } from '@m2m-guard/express'
import { TOKEN_KIND_ROUTES } from './routes-token-kinds.js'

/** Where a route's verifier comes from. */
export type VerifierKind =
  /** One `createStytchVerifier()` shared by the server's routes, passed as `verifier`. */
  | 'shared'
  /** Stytch options (`projectId`, `baseUrl`) passed straight to the adapter. */
  | 'stytch-options'
  /** Stytch options for a project whose JWKS endpoint always fails. */
  | 'jwks-down'
  /** A verifier whose `authenticate` throws a plain `Error`: a bug, not an auth failure. */
  | 'buggy'
  /** One `createStytchVerifier({ tokenKinds: ['m2m', 'connected-app'] })` shared by the server's routes. */
  | 'both-kinds'

/** One protected route, described once and built by every framework harness. */
export interface RouteSpec {
  path: string
  verifier: VerifierKind
  /** Adapter options besides the verifier. */
  options?: GuardOptions
  /** A `requireScopes` (`all`) or `requireAnyScope` (`any`) step after authentication. */
  require?: { rule: 'all' | 'any'; scopes: string[] }
  /** `custom`: the framework's error handling is set to {@link renderFrameworkError}; default: the framework's own. */
  errorHandler?: 'custom'
}

/** The fake Stytch projects the routes verify against. */
export interface StytchEnv {
  projectId: string
  baseUrl: string
  downProjectId: string
  downBaseUrl: string
}

export const ROUTES: readonly RouteSpec[] = [
  { path: '/protected', verifier: 'shared' },
  { path: '/stytch-options', verifier: 'stytch-options' },
  { path: '/all', verifier: 'shared', require: { rule: 'all', scopes: ['read:users', 'write:users'] } },
  { path: '/any', verifier: 'shared', require: { rule: 'any', scopes: ['read:users', 'admin:*'] } },
  { path: '/wildcard', verifier: 'shared', require: { rule: 'all', scopes: ['read:books'] } },
  {
    path: '/option-scopes',
    verifier: 'stytch-options',
    options: { requiredScopes: ['read:users'], anyScopes: ['write:users', 'admin:*'] },
  },
  { path: '/max-age', verifier: 'shared', options: { maxTokenAge: 60 } },
  { path: '/optional', verifier: 'shared', options: { required: false } },
  {
    path: '/optional-scoped',
    verifier: 'shared',
    options: { required: false },
    require: { rule: 'all', scopes: ['read:users'] },
  },
  { path: '/realm', verifier: 'shared', options: { realm: 'orders' }, require: { rule: 'all', scopes: ['admin:*'] } },
  { path: '/jwks-down', verifier: 'jwks-down' },
  {
    path: '/delegate',
    verifier: 'shared',
    options: { errorHandling: 'delegate' },
    require: { rule: 'all', scopes: ['admin:*'] },
    errorHandler: 'custom',
  },
  {
    path: '/delegate-jwks-down',
    verifier: 'jwks-down',
    options: { errorHandling: 'delegate' },
    errorHandler: 'custom',
  },
  { path: '/delegate-default', verifier: 'shared', options: { errorHandling: 'delegate' } },
  { path: '/bug', verifier: 'buggy', errorHandler: 'custom' },
  ...TOKEN_KIND_ROUTES,
]

const buggy = {
  authenticate: async () => {
    throw new Error('a bug in the verifier')
  },
} as unknown as Verifier

/**
 * Builds a server's adapter options for each route. `shared` routes of one server share one verifier (and so its
 * caches); servers never share verifiers, so each framework starts cold.
 */
export function optionsFactory(env: StytchEnv): (route: RouteSpec) => M2MAuthOptions {
  const shared = createStytchVerifier({ projectId: env.projectId, baseUrl: env.baseUrl })
  const bothKinds = createStytchVerifier({
    projectId: env.projectId,
    baseUrl: env.baseUrl,
    tokenKinds: ['m2m', 'connected-app'],
  })
  return (route) => {
    const options = route.options ?? {}
    switch (route.verifier) {
      case 'shared':
        return { verifier: shared, ...options }
      case 'buggy':
        return { verifier: buggy, ...options }
      case 'both-kinds':
        return { verifier: bothKinds, ...options }
      case 'stytch-options':
        return { projectId: env.projectId, baseUrl: env.baseUrl, ...options }
      case 'jwks-down':
        return { projectId: env.downProjectId, baseUrl: env.downBaseUrl, ...options }
    }
  }
}

/** What a protected handler answers, so the suite can see which caller it saw. */
export function handlerBody(
  path: string,
  m2m: { kind: string; clientId: string; scopes: readonly string[] } | null | undefined,
) {
  return { route: path, kind: m2m?.kind ?? null, clientId: m2m?.clientId ?? null, scopes: m2m?.scopes ?? null }
}

/**
 * What every route answers to an `OPTIONS` request that got past the guard: a stand-in for the framework's CORS
 * handling, which also shows whether the guard set a caller (it must not for a preflight).
 */
export function preflightBody(
  path: string,
  m2m: { clientId: string; scopes: readonly string[] } | null | undefined,
): { route: string; options: true; clientId: string | null; scopes: readonly string[] | null } {
  return { route: path, options: true, clientId: m2m?.clientId ?? null, scopes: m2m?.scopes ?? null }
}

/** The custom error handling of `errorHandler: 'custom'` routes, identical in every framework. */
export function renderFrameworkError(error: unknown): {
  status: number
  headers: Record<string, string>
  body: { handledBy: 'framework'; code: string | null }
} {
  const { status, headers, code } = error as { status?: unknown; headers?: unknown; code?: unknown }
  return {
    status: typeof status === 'number' ? status : 500,
    headers: typeof headers === 'object' && headers !== null ? (headers as Record<string, string>) : {},
    body: { handledBy: 'framework', code: typeof code === 'string' ? code : null },
  }
}
