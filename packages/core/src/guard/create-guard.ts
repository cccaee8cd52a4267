// Framework-free glue every adapter uses: option validation, verifier creation, raw-header reading.
import { createStytchVerifier, type StytchVerifierOptions } from '../stytch/create-stytch-verifier.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import type { Verifier } from '../verify/verifier-options.js'
import type { AuthenticateOptions } from '../verify/verify-options.js'
import { assertScopes, invalid } from './assert-scopes.js'
import { authorizationFromRawHeaders } from './raw-authorization.js'

/** How a failed request is answered: by the adapter itself (default), or by the framework's error handling. */
export type ErrorHandling = 'respond' | 'delegate'

/**
 * What to require of a request's token, as core's `authenticate()` takes it (`requiredScopes` all-of, `anyScopes`
 * any-of, `scopeCheck`, `maxTokenAge`, `required`, `realm`), plus how failures are answered. Every field is optional.
 */
export interface GuardOptions extends AuthenticateOptions {
  /** `'respond'` (default) answers failures itself; `'delegate'` hands the error to the framework. */
  errorHandling?: ErrorHandling | undefined
}

type StytchOnly = Exclude<keyof StytchVerifierOptions, keyof GuardOptions>

/** Either a verifier you created, or the options to create a Stytch verifier with; never both. */
export type VerifierSource =
  | ({ verifier: Verifier } & { [K in StytchOnly]?: never })
  | (StytchVerifierOptions & { verifier?: never })

/** Options of `m2mAuth` (Express, Koa) and of the Fastify plugin. */
export type M2MAuthOptions = GuardOptions & VerifierSource

/** A validated configuration, created once per middleware or plugin. */
export interface Guard {
  /** Authenticates a request from its raw headers, with `options` (default: the guard's own). */
  authenticate(rawHeaders: readonly string[], options?: AuthenticateOptions): Promise<M2MAuth | null>
  /**
   * The synchronous fast path (`Verifier.authenticateSync`): the caller from the verified-token cache, `null` for
   * an allowed missing token, or `undefined` when `authenticate` must run. Throws what `authenticate` rejects with.
   */
  authenticateSync(rawHeaders: readonly string[], options?: AuthenticateOptions): M2MAuth | null | undefined
  /** Per-call options handed to the verifier. */
  readonly options: AuthenticateOptions
  /** Whether failures go to the framework's error handling. */
  readonly delegate: boolean
}

const GUARD_KEYS: ReadonlySet<string> = new Set([
  'verifier',
  'requiredScopes',
  'anyScopes',
  'scopeCheck',
  'maxTokenAge',
  'required',
  'realm',
  'errorHandling',
])
/** What core accepts in a quoted auth-param: printable ASCII without `"` and `\`, at most 200 characters. */
const REALM = /^[\x20\x21\x23-\x5b\x5d-\x7e]{1,200}$/

function resolveVerifier(options: M2MAuthOptions): Verifier {
  const { verifier, ...rest } = options
  if (verifier === undefined) {
    if (rest.projectId === undefined) throw new TypeError('m2m-guard: pass either "verifier" or "projectId"')
    const stytch = Object.fromEntries(Object.entries(rest).filter(([key]) => !GUARD_KEYS.has(key)))
    return createStytchVerifier(stytch as unknown as StytchVerifierOptions)
  }
  if (typeof (verifier as Partial<Verifier> | null)?.authenticate !== 'function') {
    invalid('verifier', 'a Verifier from createStytchVerifier() or createVerifier()')
  }
  for (const key of Object.keys(rest)) {
    if (!GUARD_KEYS.has(key)) throw new TypeError(`m2m-guard: option "${key}" cannot be combined with "verifier"`)
  }
  return verifier
}

/**
 * Validates adapter options once, at creation, and builds the verifier when Stytch options are given.
 *
 * @param options - See {@link M2MAuthOptions}.
 * @returns The {@link Guard}.
 * @throws {TypeError} naming the option, when an option is missing, unknown, contradictory or invalid.
 * @example
 * const guard = createGuard({ projectId: 'project-live-…', requiredScopes: ['read:users'] })
 * const auth = await guard.authenticate(req.rawHeaders)
 */
export function createGuard(options: M2MAuthOptions): Guard {
  if (typeof options !== 'object' || options === null) throw new TypeError('m2m-guard: options are required')
  const { requiredScopes, anyScopes, scopeCheck, maxTokenAge, required, realm, errorHandling = 'respond' } = options
  if (requiredScopes !== undefined) assertScopes('requiredScopes', requiredScopes)
  if (anyScopes !== undefined) assertScopes('anyScopes', anyScopes)
  if (scopeCheck !== undefined && typeof scopeCheck !== 'function') invalid('scopeCheck', 'a function')
  if (maxTokenAge !== undefined && !(typeof maxTokenAge === 'number' && maxTokenAge >= 0 && maxTokenAge < Infinity)) {
    invalid('maxTokenAge', 'a finite number of seconds >= 0')
  }
  if (required !== undefined && typeof required !== 'boolean') invalid('required', 'a boolean')
  if (realm !== undefined && !(typeof realm === 'string' && REALM.test(realm))) {
    invalid('realm', 'a non-empty string of printable ASCII without quotes or backslashes')
  }
  if (errorHandling !== 'respond' && errorHandling !== 'delegate') invalid('errorHandling', '"respond" or "delegate"')
  const verifier = resolveVerifier(options)
  // Copies, so a later change to the caller's arrays cannot change what a route requires.
  const guardOptions: AuthenticateOptions = Object.freeze({
    requiredScopes: requiredScopes && Object.freeze([...requiredScopes]),
    anyScopes: anyScopes && Object.freeze([...anyScopes]),
    scopeCheck,
    maxTokenAge,
    required,
    realm,
  })
  return {
    options: guardOptions,
    delegate: errorHandling === 'delegate',
    authenticate: (rawHeaders, callOptions = guardOptions) =>
      verifier.authenticate(authorizationFromRawHeaders(rawHeaders), callOptions),
    // A hand-written verifier without the synchronous fast path simply always takes the asynchronous one.
    authenticateSync:
      typeof verifier.authenticateSync === 'function'
        ? (rawHeaders, callOptions = guardOptions) =>
            verifier.authenticateSync(authorizationFromRawHeaders(rawHeaders), callOptions)
        : () => undefined,
  }
}
