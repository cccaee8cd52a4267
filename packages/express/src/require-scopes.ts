import { isPreflight, scopeGate } from '@m2m-guard/core'
import type { RequestHandler } from 'express'
import { fail } from './fail.js'
import { guardOf } from './m2m-auth.js'

function gate(rule: 'all' | 'any', scopes: readonly string[], name: string): RequestHandler {
  const check = scopeGate(rule, scopes, name)
  return (req, res, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    if (isPreflight(req.method, (name) => req.headers[name])) {
      next()
      return
    }
    const guard = guardOf(req)
    const error = check(req.m2m, guard?.options.realm)
    if (error === undefined) next()
    else fail(error, res, next, guard?.delegate ?? false)
  }
}

/**
 * Middleware that requires every one of `scopes` (all-of) from the caller `m2mAuth` already verified; it never
 * verifies the token again. `read:*` granted covers `read:users` required (Stytch's rule).
 *
 * It answers like the `m2mAuth` before it (same realm and `errorHandling`): 403 `ERR_INSUFFICIENT_SCOPE` with
 * `scope="…"` in the challenge, or 401 `ERR_MISSING_TOKEN` when there is no `req.m2m` (optional auth without a
 * token, or no `m2mAuth` on the route). A CORS preflight passes unchecked, as it does `m2mAuth`.
 *
 * @param scopes - At least one scope.
 * @returns The middleware.
 * @throws {TypeError} at creation when no scope is given or one is not a valid scope.
 * @example
 * app.delete('/api/users/:id', requireScopes('write:users', 'admin:users'), handler)
 */
export function requireScopes(...scopes: string[]): RequestHandler {
  return gate('all', scopes, 'requireScopes')
}

/**
 * Like {@link requireScopes}, but one of `scopes` suffices (any-of).
 *
 * @param scopes - At least one scope.
 * @returns The middleware.
 * @throws {TypeError} at creation when no scope is given or one is not a valid scope.
 * @example
 * app.get('/api/reports', requireAnyScope('read:reports', 'admin:*'), handler)
 */
export function requireAnyScope(...scopes: string[]): RequestHandler {
  return gate('any', scopes, 'requireAnyScope')
}
