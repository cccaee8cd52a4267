import { isPreflight, renderError, type ScopeRule, scopeGate } from '@m2m-guard/core/adapter'
import type { Middleware } from 'koa'

function gate(rule: ScopeRule, scopes: readonly string[], name: string): Middleware {
  const check = scopeGate(rule, scopes, name)
  // Not an async function: an allowed caller goes on to `next()` without an extra promise hop.
  return (ctx, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    // `ctx.req.method`: what `ctx.method` returns, without its two getters.
    if (ctx.req.method === 'OPTIONS' && isPreflight(ctx.req)) return next()
    const error = check(ctx.state.m2m)
    if (error === undefined) return next()
    const { status, headers, body } = renderError(error)
    ctx.status = status
    ctx.set(headers)
    ctx.body = body
    return Promise.resolve()
  }
}

/**
 * Koa middleware that lets a request through only when the caller `m2mAuth` stored on `ctx.state.m2m` has ALL of
 * `scopes`. No token is verified again.
 *
 * This standalone form knows no `m2mAuth`: it answers itself, with the default realm `"api"`. Where the route's
 * `m2mAuth` has a `realm` or `errorHandling: 'delegate'`, use the gate bound to it, `auth.requireScopes(...)`.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * router.get('/users', m2mAuth({ projectId }), requireScopes('read:users'), handler)
 */
export function requireScopes(...scopes: string[]): Middleware {
  return gate('all', scopes, 'requireScopes()')
}

/**
 * Like {@link requireScopes}, but ANY ONE of `scopes` is enough.
 *
 * @param scopes - At least one scope.
 * @returns The middleware: 401 `ERR_MISSING_TOKEN` without a caller, 403 `ERR_INSUFFICIENT_SCOPE` otherwise.
 * @throws {TypeError} at creation when no scope is given or one is not a scope-token.
 * @example
 * router.get('/reports', m2mAuth({ projectId }), requireAnyScope('read:reports', 'admin'), handler)
 */
export function requireAnyScope(...scopes: string[]): Middleware {
  return gate('any', scopes, 'requireAnyScope()')
}
