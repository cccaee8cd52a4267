import type { M2MAuth } from '@m2m-guard/core'
import {
  createGuard,
  type Guard,
  type GuardResult,
  isPreflight,
  type M2MAuthOptions,
  type ScopeRule,
} from '@m2m-guard/core/adapter'
import type { Context, Middleware, Next } from 'koa'
import { fail } from './fail.js'

declare module 'koa' {
  interface DefaultState {
    m2m?: M2MAuth
  }
}

/** The middleware `m2mAuth` returns, with scope gates bound to its realm and error handling. */
export interface M2MAuthMiddleware extends Middleware {
  /**
   * A route-level gate: ALL of `scopes`, answered like this middleware's failures (same realm, same mode).
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireScopes(...scopes: string[]): Middleware
  /**
   * A route-level gate: ANY ONE of `scopes`, answered like this middleware's failures.
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireAnyScope(...scopes: string[]): Middleware
  /**
   * Serves the `resourceMetadata` document at its well-known path and passes every other request on: use it
   * app-wide (`app.use(auth.serveMetadata)`) when `m2mAuth` itself guards only some routes. Without
   * `resourceMetadata` it passes everything on.
   */
  readonly serveMetadata: Middleware
}

/** Answers a request for the metadata document, if it is one; `true` when answered. */
function serveMetadata(guard: Guard, ctx: Context): boolean {
  if (guard.resourceMetadata === undefined) return false
  const url = ctx.originalUrl
  const query = url.indexOf('?')
  const served = guard.metadataResponse(ctx.method, query === -1 ? url : url.slice(0, query))
  if (served === undefined) return false
  ctx.status = served.status
  ctx.set(served.headers)
  // Koa sends no body for HEAD itself. A `null` body would turn the 405 into a 204: it gets an empty one.
  ctx.body = served.body ?? (served.status === 204 ? null : '')
  return true
}

function settle(guard: Guard, result: GuardResult, ctx: Context, next: Next): Promise<void> {
  if (!result.ok) return fail(guard, ctx, result.error)
  if (result.auth !== null) ctx.state.m2m = result.auth
  return next()
}

function boundGate(guard: Guard, rule: ScopeRule, scopes: readonly string[], name: string): Middleware {
  const check = guard.scopeGate(rule, scopes, name)
  return (ctx, next) => {
    // A preflight was let through unauthenticated by `m2mAuth`; it has no caller to check.
    // `ctx.req.method`: what `ctx.method` returns, without its two getters.
    const failure = ctx.req.method === 'OPTIONS' && isPreflight(ctx.req) ? undefined : check(ctx.state.m2m)
    return failure === undefined ? next() : fail(guard, ctx, failure.error)
  }
}

/**
 * Koa 2/3 middleware that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) and stores the verified caller on `ctx.state.m2m`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body, and the rest of the chain does not run;
 * with `errorHandling: 'delegate'` the error is thrown instead. Create it once and reuse it: it owns the verifier's
 * key and token caches.
 *
 * A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no credentials by design: it goes on to
 * `next()` (your CORS middleware) unauthenticated, without `ctx.state.m2m`. A plain `OPTIONS` is authenticated.
 *
 * With `resourceMetadata` (from `createResourceMetadata()`), requests for the metadata's well-known path are
 * answered with the document, unauthenticated, and every 401/403 names it in `resource_metadata` (MCP servers).
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm`, `errorHandling` and `resourceMetadata`.
 * @returns The middleware, with `.requireScopes()` / `.requireAnyScope()` gates bound to it. It answers
 *   `ERR_MISSING_TOKEN` (401), `ERR_INVALID_REQUEST` (400, also for two `Authorization` headers), `ERR_TOKEN_*`
 *   (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @throws {TypeError} at creation, naming the option, when an option is missing, unknown or invalid.
 * @example
 * const auth = m2mAuth({ projectId: 'project-live-…' })
 * router.get('/users', auth, auth.requireScopes('read:users'), (ctx) => {
 *   ctx.body = { caller: ctx.state.m2m?.clientId }
 * })
 */
export function m2mAuth(options: M2MAuthOptions): M2MAuthMiddleware {
  const guard = createGuard(options, { name: 'm2mAuth' })
  // Not an async function: a token verified before goes on to `next()` without an extra promise hop.
  const middleware: Middleware = (ctx, next) => {
    // The metadata is read before the client has a token (RFC 9728 §3): never authenticated.
    if (serveMetadata(guard, ctx)) return Promise.resolve()
    const result = guard.authenticate(ctx.req)
    if ('then' in result) return result.then((settled) => settle(guard, settled, ctx, next))
    return settle(guard, result, ctx, next)
  }
  return Object.assign(middleware, {
    requireScopes: (...scopes: string[]) => boundGate(guard, 'all', scopes, 'requireScopes()'),
    requireAnyScope: (...scopes: string[]) => boundGate(guard, 'any', scopes, 'requireAnyScope()'),
    serveMetadata: ((ctx, next) => (serveMetadata(guard, ctx) ? Promise.resolve() : next())) satisfies Middleware,
  })
}
