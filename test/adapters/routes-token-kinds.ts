import type { RouteSpec } from './routes.js'

/** Routes of the token-kind cases: a verifier that accepts M2M and Connected Apps tokens, with and without a scope. */
export const TOKEN_KIND_ROUTES: readonly RouteSpec[] = [
  { path: '/kinds', verifier: 'both-kinds' },
  { path: '/kinds-scoped', verifier: 'both-kinds', require: { rule: 'all', scopes: ['read:users'] } },
]
