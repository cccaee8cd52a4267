import { createGuard, type Guard, isPreflight, type M2MAuthOptions, type ScopeRule } from '@m2m-guard/core/adapter'
import type { Context, Env, MiddlewareHandler, Next } from 'hono'
import { fail } from './fail.js'
import { metadataResponse } from './serve-metadata.js'
import type { CallerOf, M2MEnv } from './types.js'

/** The middleware `m2mAuth` returns, with scope gates bound to its realm and error handling. */
export interface M2MAuthMiddleware<E extends Env = M2MEnv> extends MiddlewareHandler<E> {
  /**
   * A route-level gate: ALL of `scopes`, answered like this middleware's failures (same realm, same mode).
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireScopes(...scopes: string[]): MiddlewareHandler<E>
  /**
   * A route-level gate: ANY ONE of `scopes`, answered like this middleware's failures.
   *
   * @throws {TypeError} when no scope is given or one is not a scope-token.
   */
  requireAnyScope(...scopes: string[]): MiddlewareHandler<E>
  /**
   * Serves the `resourceMetadata` document at its well-known path and passes every other request on: mount it
   * app-wide (`app.use(auth.serveMetadata)`) when `m2mAuth` itself guards only some paths
   * (`app.use('/mcp/*', auth)`). Without `resourceMetadata` it passes everything on.
   */
  readonly serveMetadata: MiddlewareHandler<E>
}

/** Whether a Hono request is a CORS preflight (it carries no credentials, and goes on unauthenticated). */
export function isHonoPreflight(c: Context): boolean {
  return c.req.method === 'OPTIONS' && isPreflight({ method: 'OPTIONS', headers: c.req.raw.headers })
}

function boundGate<E extends Env>(
  guard: Guard,
  rule: ScopeRule,
  scopes: readonly string[],
  name: string,
): MiddlewareHandler<E> {
  const check = guard.scopeGate(rule, scopes, name)
  return async (c, next) => {
    const failure = isHonoPreflight(c) ? undefined : check((c as unknown as Context<M2MEnv>).get('m2m'))
    if (failure !== undefined) return fail(guard, failure.error)
    return next()
  }
}

/**
 * Hono 4 middleware that accepts only requests with a valid Stytch M2M access token (`Authorization: Bearer`,
 * RFC 6750) and sets the verified caller as `c.var.m2m` (typed through Hono's `Variables`: no casts).
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body; with `errorHandling: 'delegate'` an
 * `HTTPException` carrying that response (and the coded error as `cause`) is thrown for `app.onError`, as Hono's
 * `bearerAuth` does. Any other error (a bug) is rethrown. A CORS preflight goes on unauthenticated, without
 * `c.var.m2m`. Runs wherever Hono runs: Node, Bun, Deno, Cloudflare Workers.
 *
 * With `resourceMetadata` (from `createResourceMetadata()`), requests for the metadata's well-known path that reach
 * the middleware are answered with the document, unauthenticated (GET, HEAD, a CORS preflight; 405 with `Allow`
 * otherwise), and every 401/403 names it in `resource_metadata` (MCP servers).
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm`, `errorHandling` and `resourceMetadata`.
 * @returns The middleware, with `.requireScopes()` / `.requireAnyScope()` gates and `.serveMetadata` bound to it.
 *   It answers
 *   `ERR_MISSING_TOKEN` (401), `ERR_INVALID_REQUEST` (400, also for two `Authorization` headers), `ERR_TOKEN_*`
 *   (401), `ERR_INSUFFICIENT_SCOPE` (403), `ERR_JWKS_UNAVAILABLE` (503).
 * @throws {TypeError} at creation, naming the option, when an option is missing, unknown or invalid.
 * @example
 * const auth = m2mAuth({ projectId: 'project-live-…' })
 * app.get('/users', auth, auth.requireScopes('read:users'), (c) => c.json({ caller: c.var.m2m.clientId }))
 */
export function m2mAuth<const O extends M2MAuthOptions>(options: O): M2MAuthMiddleware<M2MEnv<CallerOf<O>>> {
  type E = M2MEnv<CallerOf<O>>
  const guard = createGuard(options, { name: 'm2mAuth' })
  const middleware: MiddlewareHandler<E> = async (c: Context<E>, next: Next) => {
    // The metadata is read before the client has a token (RFC 9728 §3): never authenticated, and its own CORS
    // preflight is answered here too.
    const served = metadataResponse(guard, c)
    if (served !== undefined) return served
    if (isHonoPreflight(c)) return next()
    // No `method`: the preflight check above is the only one, and it needs Hono's view of the method.
    const pending = guard.authenticate({ headers: c.req.raw.headers })
    const result = 'then' in pending ? await pending : pending
    if (!result.ok) return fail(guard, result.error)
    if (result.auth !== null) c.set('m2m', result.auth as CallerOf<O>)
    return next()
  }
  return Object.assign(middleware, {
    requireScopes: (...scopes: string[]) => boundGate<E>(guard, 'all', scopes, 'requireScopes()'),
    requireAnyScope: (...scopes: string[]) => boundGate<E>(guard, 'any', scopes, 'requireAnyScope()'),
    serveMetadata: (async (c, next) => metadataResponse(guard, c) ?? next()) satisfies MiddlewareHandler<E>,
  })
}
