import type { M2MAuth } from '@m2m-guard/core'
import type { GuardOptions, RouteOptions, VerifierSource } from '@m2m-guard/core/adapter'

/**
 * Options of {@link createM2M} and of the standalone `withM2M`: a verifier or Stytch options, plus what to require
 * (`requiredScopes`, `anyScopes`, `scopeCheck`, `maxTokenAge`, `required`) and the `realm` of the challenges.
 * `errorHandling` may only be `'respond'`: to handle failures yourself, call `authenticateRequest`, which throws them.
 */
export type WebM2MOptions = Omit<GuardOptions, 'errorHandling'> & {
  /** Only `'respond'` (the default): a wrapped handler answers failures itself. */
  errorHandling?: 'respond' | undefined
} & VerifierSource

/** A Fetch handler answering a CORS preflight (your CORS handling); `rest` is what the runtime passed. */
export type PreflightHandler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>

/** Per-route options of `m2m.withM2M(handler, route)`: added to the instance's, validated when wrapping. */
export interface WithM2MRouteOptions<Rest extends unknown[] = unknown[]> extends RouteOptions {
  /**
   * Answers CORS preflights (`OPTIONS` with `Access-Control-Request-Method`), which carry no credentials by design.
   * Without it a preflight is answered `204` with no body, for a CORS layer around the handler to decorate.
   */
  preflight?: PreflightHandler<Rest> | undefined
}

/** The caller a wrapped handler receives: `M2MAuth`, or `M2MAuth | null` where auth is optional (`required: false`). */
export type CallerOf<Optional extends boolean> = Optional extends true ? M2MAuth | null : M2MAuth

/**
 * A handler with its verified caller: `(request, auth, ...rest)`, where `rest` is what the runtime passes after the
 * request (Next.js: `context`; Workers: `env, ctx`; Bun: `server`; Deno: `info`).
 */
export type M2MHandler<Auth, Rest extends unknown[]> = (
  request: Request,
  auth: Auth,
  ...rest: Rest
) => Response | Promise<Response>

/** What `withM2M` returns: the runtime's own handler shape, `(request, ...rest) => Promise<Response> | Response`. */
export type FetchHandler<Rest extends unknown[]> = (request: Request, ...rest: Rest) => Response | Promise<Response>
