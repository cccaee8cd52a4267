import { isM2MAuthError } from '../errors/is-m2m-auth-error.js'
import type { M2MAuthError } from '../errors/m2m-auth-error.js'
import { DEFAULT_REALM, type M2MErrorResponse, renderError } from '../errors/render-error.js'
import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkBoolean, checkNumber, isOptionsObject } from '../options/check-values.js'
import type { ResourceMetadata } from '../resource/resource-metadata.js'
import { type ResourceMetadataResponse, resourceMetadataResponse } from '../resource/serve-resource-metadata.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { MAX_TOKEN_AGE_RULE } from '../verify/option-rules.js'
import type { AuthenticateOptions } from '../verify/verify-options.js'
import type { Guard, GuardFailure, GuardResult, GuardScopeCheck, GuardSuccess, RouteOptions } from './guard-types.js'
import { type GuardRequest, headerSourceOf, isPreflight } from './is-preflight.js'
import { readAuthorization, readRawAuthorization } from './read-authorization.js'
import { type ScopeGate, type ScopeRule, scopeGate } from './scope-gate.js'
import type { VerifierCall } from './verifier-call.js'

const PREFLIGHT: GuardSuccess = Object.freeze({ ok: true, auth: null, preflight: true })
const NO_CALLER: GuardSuccess = Object.freeze({ ok: true, auth: null, preflight: false })

const ROUTE_OPTION_NAMES: OptionNames<RouteOptions> = {
  requiredScopes: true,
  anyScopes: true,
  maxTokenAge: true,
  required: true,
}

/** What a guard is made of; `derive` makes another from the same verifier. */
export interface GuardParts {
  readonly call: VerifierCall
  readonly options: AuthenticateOptions
  readonly gates: readonly ScopeGate[]
  /** The configured realm; `undefined` keeps the realm each error carries (the verifier's). */
  readonly realm: string | undefined
  readonly delegate: boolean
  /** The function the user called, for messages. */
  readonly name: string
  /** RFC 9728 metadata: served, and named in every 401/403 challenge. */
  readonly resourceMetadata: ResourceMetadata | undefined
  /** All-of scopes of the guard and its route, named in `scope` on a 401 (for clients choosing what to ask). */
  readonly challengeScopes: readonly string[]
}

/** The kit's {@link Guard}: immutable, closures made once, so a request allocates only its result. */
export class AdapterGuard implements Guard {
  readonly options: AuthenticateOptions
  readonly delegate: boolean
  readonly realm: string
  readonly resourceMetadata: ResourceMetadata | undefined
  readonly #parts: GuardParts

  constructor(parts: GuardParts) {
    this.#parts = parts
    this.options = parts.options
    this.delegate = parts.delegate
    this.realm = parts.realm ?? DEFAULT_REALM
    this.resourceMetadata = parts.resourceMetadata
    Object.freeze(this)
  }

  authenticate(request: GuardRequest): GuardResult | Promise<GuardResult> {
    if (request.method === 'OPTIONS' && isPreflight(request)) return PREFLIGHT
    // `rawHeaders` is read once: Express 5 gives every request object a map of its own (`setPrototypeOf`), so each
    // property read on it misses V8's inline caches and costs a lookup.
    const raw = request.rawHeaders
    let value: M2MAuth | null | Promise<M2MAuth | null>
    try {
      const authorization = Array.isArray(raw) ? readRawAuthorization(raw) : readAuthorization(headerSourceOf(request))
      value = this.#parts.call(authorization, this.#parts.options)
    } catch (error) {
      return this.#failure(error)
    }
    if (value !== null && typeof (value as Promise<unknown>).then === 'function') {
      return (value as Promise<M2MAuth | null>).then(this.#accept, this.#failure)
    }
    return this.#accept(value as M2MAuth | null)
  }

  derive(route: RouteOptions, prefix: string): Guard {
    const { name, options, gates, challengeScopes } = this.#parts
    if (!isOptionsObject(route)) throw new TypeError(`m2m-guard: option "${prefix.slice(0, -1)}" must be an object`)
    checkNames(route, ROUTE_OPTION_NAMES, name, prefix)
    const added: ScopeGate[] = []
    if (route.requiredScopes !== undefined) {
      added.push(scopeGate('all', route.requiredScopes, `${prefix}requiredScopes`))
    }
    if (route.anyScopes !== undefined) added.push(scopeGate('any', route.anyScopes, `${prefix}anyScopes`))
    const maxTokenAge = checkNumber(route.maxTokenAge, `${prefix}maxTokenAge`, MAX_TOKEN_AGE_RULE, options.maxTokenAge)
    const required = checkBoolean(route.required, `${prefix}required`) ?? options.required
    return new AdapterGuard({
      ...this.#parts,
      options: Object.freeze({ ...options, maxTokenAge, required }),
      gates: Object.freeze([...gates, ...added]),
      challengeScopes: Object.freeze([...challengeScopes, ...(route.requiredScopes ?? [])]),
    })
  }

  scopeGate(rule: ScopeRule, scopes: readonly string[], name: string): GuardScopeCheck {
    const gate = scopeGate(rule, scopes, name)
    return (auth) => {
      const error = gate(auth)
      return error === undefined ? undefined : this.#failure(error)
    }
  }

  render(error: unknown): M2MErrorResponse | undefined {
    if (!isM2MAuthError(error)) return undefined
    const { realm, resourceMetadata, challengeScopes } = this.#parts
    return renderError(error, {
      realm: realm ?? error.realm,
      resourceMetadataUrl: resourceMetadata?.url,
      scopes: resourceMetadata === undefined ? undefined : challengeScopes,
    })
  }

  metadataResponse(method: string, pathname: string): ResourceMetadataResponse | undefined {
    const metadata = this.#parts.resourceMetadata
    if (metadata === undefined || pathname !== metadata.path) return undefined
    return resourceMetadataResponse(metadata, method)
  }

  readonly #accept = (auth: M2MAuth | null): GuardResult => {
    for (const gate of this.#parts.gates) {
      const error = gate(auth)
      if (error !== undefined) return this.#failure(error)
    }
    return auth === null ? NO_CALLER : { ok: true, auth, preflight: false }
  }

  readonly #failure = (error: unknown): GuardFailure => {
    const { realm, delegate } = this.#parts
    // Delegated errors reach the framework's own handler, which reads `headers`: they must carry the realm. An
    // error from an older copy of core without `withRealm` is handed on as it is.
    if (delegate && realm !== undefined && isM2MAuthError(error) && typeof error.withRealm === 'function') {
      return { ok: false, error: (error as M2MAuthError).withRealm(realm) }
    }
    return { ok: false, error }
  }
}
