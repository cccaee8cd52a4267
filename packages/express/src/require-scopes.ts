import { isPreflight, renderError, type ScopeRule, scopeGate } from '@m2m-guard/core/adapter'
import type { RequestHandler } from 'express'

function gate(rule: ScopeRule, scopes: readonly string[], name: string): RequestHandler {
  const check = scopeGate(rule, scopes, name)
  return (req, res, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    if (req.method === 'OPTIONS' && isPreflight(req)) {
      next()
      return
    }
    const error = check(req.m2m)
    if (error === undefined) {
      next()
      return
    }
    const { status, headers, body } = renderError(error)
    res.status(status).set(headers).json(body)
  }
}

/**
 * Express middleware that lets a request through only when the caller `m2mAuth` stored on `req.m2m` has ALL of
 * `scopes`. No token is verified again.
 *
 * This standalone form knows no `m2mAuth`: it answers itself, with the default realm `"api"`. Where the route's
 * `m2mAuth` has a `realm` or `errorHandling: 'delegate'`, use the gate bound to it, `auth.requireScopes(...)`.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * app.get('/users', m2mAuth({ projectId }), requireScopes('read:users'), handler)
 */
export function requireScopes(...scopes: string[]): RequestHandler {
  return gate('all', scopes, 'requireScopes()')
}

/**
 * Like {@link requireScopes}, but ANY ONE of `scopes` is enough.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * app.get('/reports', m2mAuth({ projectId }), requireAnyScope('read:reports', 'admin'), handler)
 */
export function requireAnyScope(...scopes: string[]): RequestHandler {
  return gate('any', scopes, 'requireAnyScope()')
}
