import type { M2MAuth } from '@m2m-guard/core'
import { renderError, type ScopeRule, scopeGate } from '@m2m-guard/core/adapter'
import type { Context, MiddlewareHandler } from 'hono'
import { isHonoPreflight } from './m2m-auth.js'
import { toResponse } from './to-response.js'

function gate(rule: ScopeRule, scopes: readonly string[], name: string): MiddlewareHandler {
  const check = scopeGate(rule, scopes, name)
  return async (c, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    if (!isHonoPreflight(c)) {
      const error = check((c as Context<{ Variables: { m2m?: M2MAuth } }>).get('m2m'))
      if (error !== undefined) return toResponse(renderError(error))
    }
    return next()
  }
}

/**
 * Hono middleware that lets a request through only when the caller `m2mAuth` set as `c.var.m2m` has ALL of
 * `scopes`. No token is verified again. It knows no `m2mAuth`, so it answers itself with the default realm `"api"`;
 * where the route's `m2mAuth` has a `realm` or `errorHandling: 'delegate'`, use `auth.requireScopes(...)`.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * app.get('/users', m2mAuth({ projectId }), requireScopes('read:users'), handler)
 */
export function requireScopes(...scopes: string[]): MiddlewareHandler {
  return gate('all', scopes, 'requireScopes()')
}

/**
 * Like {@link requireScopes}, but ANY ONE of `scopes` is enough.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * app.get('/reports', m2mAuth({ projectId }), requireAnyScope('read:reports', 'admin:*'), handler)
 */
export function requireAnyScope(...scopes: string[]): MiddlewareHandler {
  return gate('any', scopes, 'requireAnyScope()')
}
