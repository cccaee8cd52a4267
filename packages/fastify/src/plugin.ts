import type { M2MAuth } from '@m2m-guard/core'
import { createGuard, isPreflight, type M2MAuthOptions, scopeGate } from '@m2m-guard/core'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { fail } from './fail.js'
import { type M2MRouteConfig, routeRulesFor } from './route-config.js'

/** A `preHandler` returned by `app.requireScopes()` and `app.requireAnyScope()`. */
export type ScopeHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<FastifyReply | undefined>

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The verified M2M caller, set by `@m2m-guard/fastify`. `null` with `required: false` when the request carried
     * no token; not set at all on routes outside the plugin's encapsulation context.
     */
    m2m: M2MAuth | null
  }
  interface FastifyInstance {
    /**
     * A `preHandler` that requires every one of `scopes` (all-of) from the verified caller, without verifying again.
     *
     * @param scopes - At least one scope.
     * @returns The hook.
     * @throws {TypeError} when no scope is given or one is not a valid scope.
     */
    requireScopes(...scopes: string[]): ScopeHandler
    /**
     * Like `requireScopes`, but one of `scopes` suffices (any-of).
     *
     * @param scopes - At least one scope.
     * @returns The hook.
     * @throws {TypeError} when no scope is given or one is not a valid scope.
     */
    requireAnyScope(...scopes: string[]): ScopeHandler
  }
  interface FastifyContextConfig {
    /** Per-route requirements of `@m2m-guard/fastify`. */
    m2m?: M2MRouteConfig
  }
}

/** Whether a request is a CORS preflight, which the plugin lets through unauthenticated. */
function preflight(request: FastifyRequest): boolean {
  return isPreflight(request.method, (name) => request.headers[name])
}

const m2mGuardPlugin: FastifyPluginAsync<M2MAuthOptions> = async (app, options) => {
  const guard = createGuard(options)
  const realm = guard.options.realm
  // Compiled route rules belong to this instance: another guard seeing the same config object compiles its own.
  const rulesOf = routeRulesFor(guard.options)
  const gate = (rule: 'all' | 'any', scopes: string[], name: string): ScopeHandler => {
    const check = scopeGate(rule, scopes, name)
    return async (request, reply) => {
      // A preflight was let through unauthenticated by the onRequest hook; it has no caller to check.
      if (preflight(request)) return undefined
      const error = check(request.m2m, realm)
      return error === undefined ? undefined : fail(reply, error, guard.delegate)
    }
  }
  app.decorateRequest('m2m', null)
  app.decorate('requireScopes', (...scopes: string[]) => gate('all', scopes, 'requireScopes'))
  app.decorate('requireAnyScope', (...scopes: string[]) => gate('any', scopes, 'requireAnyScope'))
  // Validate route configs when routes are added, so a mistake fails at start-up, not on a request.
  app.addHook('onRoute', (route) => {
    if (route.config?.m2m !== undefined) rulesOf(route.config.m2m)
  })
  app.addHook('onRequest', async (request, reply) => {
    // Browsers send preflights without credentials: a 401 here would block every cross-origin call.
    if (preflight(request)) return undefined
    const config = request.routeOptions.config?.m2m
    const rules = config === undefined ? undefined : rulesOf(config)
    try {
      request.m2m = await guard.authenticate(request.raw.rawHeaders, rules?.options)
    } catch (error) {
      return fail(reply, error, guard.delegate)
    }
    for (const check of rules?.gates ?? []) {
      const error = check(request.m2m, realm)
      if (error !== undefined) return fail(reply, error, guard.delegate)
    }
    return undefined
  })
}

/**
 * Fastify 4/5 plugin that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) on every route of the context it is registered in, and stores the
 * verified caller on `request.m2m`. It adds `app.requireScopes()` / `app.requireAnyScope()` preHandlers and reads
 * per-route requirements from `config: { m2m: { scopes, anyScopes, maxTokenAge, required } }`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body; with `errorHandling: 'delegate'` they
 * go to Fastify's error handler instead (the error carries `statusCode` and `headers`).
 *
 * A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no credentials by design: it goes on
 * unauthenticated (no route scopes checked, `request.m2m` stays `null`) to your CORS handling. A plain `OPTIONS`
 * is authenticated.
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm` and `errorHandling`.
 * @throws {TypeError} at registration (so `ready()` rejects), naming the option, when an option is invalid.
 * @example
 * await app.register(m2mGuard, { projectId: 'project-live-…' })
 * app.get('/users', { preHandler: app.requireScopes('read:users') }, (req) => ({ caller: req.m2m?.clientId }))
 * app.get('/admin', { config: { m2m: { scopes: ['admin:*'] } } }, handler)
 */
export const m2mGuard: FastifyPluginAsync<M2MAuthOptions> = fp(m2mGuardPlugin, {
  fastify: '4.x || 5.x',
  name: '@m2m-guard/fastify',
})
