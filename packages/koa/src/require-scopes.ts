import { isPreflight, scopeGate } from '@m2m-guard/core'
import type { Middleware } from 'koa'
import { fail } from './fail.js'
import { guardOf } from './m2m-auth.js'

function gate(rule: 'all' | 'any', scopes: readonly string[], name: string): Middleware {
  const check = scopeGate(rule, scopes, name)
  // Not an async function: an allowed caller goes on to `next()` without an extra promise hop.
  return (ctx, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    if (isPreflight(ctx.method, (name) => ctx.req.headers[name])) return next()
    const guard = guardOf(ctx)
    const error = check(ctx.state.m2m, guard?.options.realm)
    if (error === undefined) return next()
    // Throws (Koa turns it into a rejection) when the error is handed to Koa.
    fail(ctx, error, guard?.delegate ?? false)
    return Promise.resolve()
  }
}

/**
 * Middleware that requires every one of `scopes` (all-of) from the caller `m2mAuth` already verified; it never
 * verifies the token again. `read:*` granted covers `read:users` required (Stytch's rule).
 *
 * It answers like the `m2mAuth` before it (same realm and `errorHandling`): 403 `ERR_INSUFFICIENT_SCOPE` with
 * `scope="…"` in the challenge, or 401 `ERR_MISSING_TOKEN` when there is no `ctx.state.m2m` (optional auth
 * without a token, or no `m2mAuth` before it). A CORS preflight passes unchecked, as it does `m2mAuth`.
 *
 * @param scopes - At least one scope.
 * @returns The middleware.
 * @throws {TypeError} at creation when no scope is given or one is not a valid scope.
 * @example
 * router.delete('/users/:id', auth, requireScopes('write:users', 'admin:users'), handler)
 */
export function requireScopes(...scopes: string[]): Middleware {
  return gate('all', scopes, 'requireScopes')
}

/**
 * Like {@link requireScopes}, but one of `scopes` suffices (any-of).
 *
 * @param scopes - At least one scope.
 * @returns The middleware.
 * @throws {TypeError} at creation when no scope is given or one is not a valid scope.
 * @example
 * router.get('/reports', auth, requireAnyScope('read:reports', 'admin:*'), handler)
 */
export function requireAnyScope(...scopes: string[]): Middleware {
  return gate('any', scopes, 'requireAnyScope')
}
