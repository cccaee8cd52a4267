import type { M2MErrorResponse } from '../errors/render-error.js'
import type { ResourceMetadata } from '../resource/resource-metadata.js'
import type { ResourceMetadataResponse } from '../resource/serve-resource-metadata.js'
import type { StytchVerifierOptions } from '../stytch/create-stytch-verifier.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import type { Verifier } from '../verify/verifier-options.js'
import type { AuthenticateOptions } from '../verify/verify-options.js'
import type { GuardRequest } from './is-preflight.js'
import type { ScopeRule } from './scope-gate.js'

/** How a failed request is answered: by the adapter itself (default), or by the framework's error handling. */
export type ErrorHandling = 'respond' | 'delegate'

/**
 * What to require of a request's token, as core's `authenticate()` takes it (`requiredScopes` all-of, `anyScopes`
 * any-of, `scopeCheck`, `maxTokenAge`, `required`, `realm`), plus how failures are answered. Every field is optional.
 */
export interface GuardOptions extends AuthenticateOptions {
  /** `'respond'` (default) answers failures itself; `'delegate'` hands the error to the framework. */
  errorHandling?: ErrorHandling | undefined
  /**
   * The resource's RFC 9728 metadata, from `createResourceMetadata()`. The adapter then serves the document at its
   * well-known path (unauthenticated) and every 401 and 403 challenge carries `resource_metadata="<url>"` (a 401
   * also `scope` with the route's required scopes) and `Access-Control-Expose-Headers: WWW-Authenticate`, as the
   * MCP authorization specification asks of an MCP server. Not with `errorHandling: 'delegate'`.
   */
  resourceMetadata?: ResourceMetadata | undefined
}

type StytchOnly = Exclude<keyof StytchVerifierOptions, keyof GuardOptions>

/** Either a verifier you created, or the options to create a Stytch verifier with; never both. */
export type VerifierSource =
  | ({ verifier: Verifier } & { [K in StytchOnly]?: never })
  | (StytchVerifierOptions & { verifier?: never })

/** Options of `m2mAuth` (Express, Koa) and of the Fastify plugin. */
export type M2MAuthOptions = GuardOptions & VerifierSource

/** Per-route requirements (Fastify's `config.m2m`), added to the guard's own. */
export interface RouteOptions {
  /** All of these scopes, checked after the guard's own rules. */
  requiredScopes?: readonly string[] | undefined
  /** At least one of these scopes. */
  anyScopes?: readonly string[] | undefined
  /** Replaces the guard's `maxTokenAge` on this route. */
  maxTokenAge?: number | undefined
  /** Replaces the guard's `required` on this route. */
  required?: boolean | undefined
}

/** A request that may go on: with its caller, `null` when no token was sent and none is required, or a preflight. */
export interface GuardSuccess {
  readonly ok: true
  readonly auth: M2MAuth | null
  /** A CORS preflight, let through unauthenticated. */
  readonly preflight: boolean
}

/** A request to refuse: `error` is a coded error to render (or delegate), or anything else to hand on as a bug. */
export interface GuardFailure {
  readonly ok: false
  readonly error: unknown
}

/** The outcome of {@link Guard.authenticate}: a value, never a rejection. */
export type GuardResult = GuardSuccess | GuardFailure

/** The scope check of a route-level gate: a failure, or `undefined` when the caller may go on. */
export type GuardScopeCheck = (auth: M2MAuth | null | undefined) => GuardFailure | undefined

/** A validated, immutable configuration: one per middleware or plugin registration. */
export interface Guard {
  /**
   * Authenticates a request: one call to core (the header is parsed once and the token cache probed once).
   * Synchronous on a cache hit, for a preflight, a missing optional token and any early failure; a promise when
   * the token must be verified. Never throws, never rejects.
   */
  authenticate(request: GuardRequest): GuardResult | Promise<GuardResult>
  /**
   * A guard for one route: this guard's rules plus `route`, validated now (at start-up), sharing the verifier.
   *
   * @throws {TypeError} naming the option, with `prefix` (e.g. `config.m2m.`).
   */
  derive(route: RouteOptions, prefix: string): Guard
  /**
   * A scope check bound to this guard (realm, error handling), for `requireScopes` / `requireAnyScope`.
   *
   * @throws {TypeError} when `scopes` is empty or holds something that is not a scope; `name` is the function called.
   */
  scopeGate(rule: ScopeRule, scopes: readonly string[], name: string): GuardScopeCheck
  /** The response for a coded error from any copy of core, with this guard's realm; `undefined` for anything else. */
  render(error: unknown): M2MErrorResponse | undefined
  /** Per-call options handed to the verifier (frozen). */
  readonly options: AuthenticateOptions
  /** Whether failures go to the framework's error handling (errors then already carry the guard's realm). */
  readonly delegate: boolean
  /** The realm of this guard's challenges. */
  readonly realm: string
  /** The protected-resource metadata this guard serves and names in its challenges, if configured. */
  readonly resourceMetadata: ResourceMetadata | undefined
  /**
   * The answer to a request for the metadata document, when `pathname` is its well-known path and the guard has
   * `resourceMetadata`; `undefined` otherwise (go on and authenticate). Call it before {@link Guard.authenticate}.
   *
   * @param method - The request method.
   * @param pathname - The request's path, without the query (`req.originalUrl` up to `?` in Express).
   */
  metadataResponse(method: string, pathname: string): ResourceMetadataResponse | undefined
}
