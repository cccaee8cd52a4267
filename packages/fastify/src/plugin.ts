import type { M2MAuth } from '@m2m-guard/core'
import {
  createGuard,
  type GuardResult,
  isPreflight,
  type M2MAuthOptions,
  type ResourceMetadataResponse,
  type ScopeRule,
} from '@m2m-guard/core/adapter'
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { fail } from './fail.js'
import { type M2MRouteConfig, routeGuardsFor } from './route-config.js'
import { guardContext } from './route-coverage.js'

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

const m2mGuardPlugin: FastifyPluginAsync<M2MAuthOptions> = async (app, options) => {
  const guard = createGuard(options, { name: 'm2mGuard' })
  // A route with `config.m2m` outside every registration's context fails start-up or is answered 401 (issue 20).
  guardContext(app)
  // Compiled route guards belong to this instance: another guard seeing the same config object compiles its own.
  const guardOf = routeGuardsFor(guard)
  const gate = (rule: ScopeRule, scopes: string[], name: string): ScopeHandler => {
    const check = guard.scopeGate(rule, scopes, name)
    return async (request, reply) => {
      // A preflight was let through unauthenticated by the onRequest hook; it has no caller to check.
      if (request.method === 'OPTIONS' && isPreflight(request.raw)) return undefined
      const failure = check(request.m2m)
      return failure === undefined ? undefined : fail(guard, reply, failure.error)
    }
  }
  const metadata = guard.resourceMetadata
  if (metadata !== undefined) {
    // Its own route, so Fastify answers it before any body parsing; the onRequest hook below lets it through
    // unauthenticated (RFC 9728 §3: a client reads it before it has a token).
    app.route({
      method: ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE'],
      url: metadata.path,
      exposeHeadRoute: false,
      handler: (request, reply) => {
        const served = guard.metadataResponse(request.method, metadata.path) as ResourceMetadataResponse
        return reply.code(served.status).headers(served.headers).send(served.body)
      },
    })
  }
  app.decorateRequest('m2m', null)
  app.decorate('requireScopes', (...scopes: string[]) => gate('all', scopes, 'requireScopes()'))
  app.decorate('requireAnyScope', (...scopes: string[]) => gate('any', scopes, 'requireAnyScope()'))
  // Validate route configs when routes are added, so a mistake fails at start-up, not on a request.
  app.addHook('onRoute', (route) => {
    if (route.config?.m2m !== undefined) guardOf(route.config.m2m)
  })
  app.addHook('onRequest', (request, reply, done) => {
    if (metadata !== undefined && request.routeOptions.url === metadata.path) {
      done()
      return
    }
    const config = request.routeOptions.config?.m2m
    const result = (config === undefined ? guard : guardOf(config)).authenticate(request.raw)
    if ('then' in result) {
      result.then((settled) => settle(settled, request, reply, done), done)
      return
    }
    settle(result, request, reply, done)
  })
  function settle(result: GuardResult, request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void) {
    if (result.ok) {
      request.m2m = result.auth
      done()
      return
    }
    try {
      fail(guard, reply, result.error)
    } catch (error) {
      done(error as Error)
    }
  }
}

/**
 * Fastify 4/5 plugin that accepts only requests with a valid Stytch M2M access token
 * (`Authorization: Bearer <token>`, RFC 6750) on every route of the context it is registered in, and stores the
 * verified caller on `request.m2m`. It adds `app.requireScopes()` / `app.requireAnyScope()` preHandlers and reads
 * per-route requirements from `config: { m2m: { requiredScopes, anyScopes, maxTokenAge, required } }`.
 *
 * Failures are answered with the error's status, `WWW-Authenticate`, `Retry-After` where set,
 * `Cache-Control: no-store` and a `{ error, error_description }` JSON body; with `errorHandling: 'delegate'` they
 * go to Fastify's error handler instead (the error carries `statusCode` and `headers`).
 *
 * A CORS preflight (`OPTIONS` with `Access-Control-Request-Method`) carries no credentials by design: it goes on
 * unauthenticated (no route scopes checked, `request.m2m` stays `null`) to your CORS handling. A plain `OPTIONS`
 * is authenticated.
 *
 * A route with `config.m2m` that no registration covers (declared outside the registration's context) is never
 * public: declared after a registration loaded, it makes `ready()` reject with a `TypeError` naming `config.m2m`
 * and the route; declared before, it is answered 401 and logged once.
 *
 * With `resourceMetadata` (from `createResourceMetadata()`), the plugin adds a route at the metadata's
 * well-known path serving the document, unauthenticated, and every 401/403 names it in `resource_metadata`.
 *
 * @param options - `verifier` or Stytch verifier options (`projectId`, …), plus scopes, `maxTokenAge`, `required`,
 *   `realm`, `errorHandling` and `resourceMetadata`.
 * @throws {TypeError} at registration (so `ready()` rejects), naming the option, when an option is invalid; from
 *   `ready()`, naming `config.m2m` and the route, for a route with `config.m2m` that no registration covers.
 * @example
 * await app.register(m2mGuard, { projectId: 'project-live-…' })
 * app.get('/users', { preHandler: app.requireScopes('read:users') }, (req) => ({ caller: req.m2m?.clientId }))
 * app.get('/admin', { config: { m2m: { requiredScopes: ['admin'] } } }, handler)
 */
export const m2mGuard: FastifyPluginAsync<M2MAuthOptions> = fp(m2mGuardPlugin, {
  fastify: '4.x || 5.x',
  name: '@m2m-guard/fastify',
})
