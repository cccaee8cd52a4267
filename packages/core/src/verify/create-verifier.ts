import { assertB64Token, extractBearerToken } from '../bearer/parse-authorization-header.js'
import { InsufficientScopeError, InvalidTokenError } from '../errors/error-classes.js'
import { isM2MAuthError } from '../errors/is-m2m-auth-error.js'
import { DEFAULT_REALM, type M2MAuthError } from '../errors/m2m-auth-error.js'
import { createNestedJwksCache } from '../jwks/jwks-cache.js'
import { JWKS_SETTINGS_NAMES, RSA_ALGORITHMS } from '../jwks/jwks-cache-options.js'
import type { JwksKey, JwksSource } from '../jwks/jwks-source.js'
import { DecisionPublisher } from '../observe/decision-publisher.js'
import { checkNames } from '../options/check-names.js'
import { checkChoice, checkFunction, checkNumber, checkStringList, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import { assertNotRevoked, resolveRevocations } from '../revocation/resolve-revocations.js'
import type { RevocationSource } from '../revocation/revocation-source.js'
import { hasAnyScope, hasRequiredScopes } from '../scopes/has-required-scopes.js'
import { decodeBase64url, decodeSignature } from './base64url.js'
import { buildAuth } from './build-auth.js'
import { type CallName, checkCallOptions, NO_OPTIONS } from './check-call-options.js'
import { type ClaimRules, checkClaims, checkTimes } from './check-claims.js'
import { type CheckedHeader, checkHeader, type HeaderRules, normaliseTyp } from './check-header.js'
import { type JwtSegments, splitJwt } from './decode-jwt.js'
import { decodeJsonText, parseJsonText } from './json-segment.js'
import type { M2MAuth, TokenKind } from './m2m-auth.js'
import { TOKEN_CACHE_OPTION_NAMES, VERIFIER_OPTION_NAMES } from './option-names.js'
import { CLOCK_TOLERANCE_RULE, checkRealm, MAX_TOKEN_AGE_RULE, POSITIVE_INTEGER_RULE } from './option-rules.js'
import { nodeCrypto, verifyWithNodeCrypto } from './signature-node.js'
import { verifyWithWebCrypto } from './signature-webcrypto.js'
import { TokenCache } from './token-cache.js'
import { VERIFIER_CHECK } from './verifier-check.js'
import type { RsaAlgorithm, Verifier, VerifierOptions } from './verifier-options.js'
import type { AuthenticateOptions, VerifyOptions } from './verify-options.js'

/** The default of a scope list: one frozen array, so a call without scopes allocates none. */
const NO_SCOPES: readonly string[] = Object.freeze([])

function isJwksSource(value: object): value is JwksSource {
  const source = value as Partial<JwksSource>
  return typeof source.getKey === 'function' && typeof source.peekKey === 'function'
}

/** Resolved configuration of one verifier. */
interface Settings {
  readonly header: HeaderRules
  readonly claims: ClaimRules
  readonly clockTolerance: number
  readonly maxTokenAge: number | undefined
  readonly maxTokenLength: number
  readonly realm: string
  readonly useNodeCrypto: boolean
  readonly clock: () => number
}

/** A list option that must hold at least one non-empty string. */
function requiredList(value: unknown, path: string): string[] {
  return checkStringList(value === undefined ? null : value, path, true) as string[]
}

function resolveSettings(options: VerifierOptions): Settings {
  const algorithms = options.algorithms ?? ['RS256']
  if (!Array.isArray(algorithms) || algorithms.length === 0 || !algorithms.every((a) => RSA_ALGORITHMS.has(a))) {
    invalidOption('algorithms', `a non-empty array of ${[...RSA_ALGORITHMS].join(', ')}`)
  }
  const { audience, typ } = options
  let audiences: ReadonlySet<string> | null = null
  if (typeof audience === 'string' && audience !== '') audiences = new Set([audience])
  else if (Array.isArray(audience)) audiences = new Set(requiredList(audience, 'audience'))
  else if (audience !== null) invalidOption('audience', 'a non-empty string, an array of them, or null (no check)')
  if (typ !== undefined && typ !== null && (typeof typ !== 'string' || typ === '')) {
    invalidOption('typ', 'a non-empty string or null')
  }
  const crypto = checkChoice(options.crypto, 'crypto', ['auto', 'node', 'webcrypto']) ?? 'auto'
  if (crypto === 'node' && nodeCrypto === undefined)
    invalidOption('crypto', '"auto" or "webcrypto" here: node:crypto is missing')
  return {
    header: { algorithms: new Set(algorithms), typ: typeof typ === 'string' ? normaliseTyp(typ) : null },
    claims: {
      issuers: new Set(requiredList(options.issuers, 'issuers')),
      audiences,
      requiredClaims:
        options.requiredClaims === undefined ? [] : requiredList(options.requiredClaims, 'requiredClaims'),
      forbiddenClaims:
        options.forbiddenClaims === undefined ? [] : requiredList(options.forbiddenClaims, 'forbiddenClaims'),
    },
    clockTolerance: checkNumber(options.clockTolerance, 'clockTolerance', CLOCK_TOLERANCE_RULE, 5),
    maxTokenAge: checkNumber(options.maxTokenAge, 'maxTokenAge', MAX_TOKEN_AGE_RULE, undefined),
    maxTokenLength: checkNumber(options.maxTokenLength, 'maxTokenLength', POSITIVE_INTEGER_RULE, 8192),
    realm: checkRealm(options.realm, 'realm') ?? DEFAULT_REALM,
    useNodeCrypto: crypto === 'node' || (crypto === 'auto' && nodeCrypto !== undefined),
    clock: checkFunction(options.clock, 'clock', 'a function returning milliseconds') ?? Date.now,
  }
}

function resolveJwks(
  options: VerifierOptions,
  algorithms: readonly RsaAlgorithm[],
  what: string,
  urlOption: string,
): JwksSource {
  const { jwks = {}, fetch, clock } = options
  if (!isOptionsObject(jwks)) invalidOption('jwks', 'an object of cache settings or a JwksSource')
  if (isJwksSource(jwks)) return jwks
  checkNames(jwks, JWKS_SETTINGS_NAMES, what, 'jwks.')
  checkFunction(fetch, 'fetch', 'a fetch function')
  // The cache checks the URL (once, on every path), naming it as the integrator wrote it. Without an explicit fetch the cache looks up the global one per request, so msw or a stub installed after the
  // verifier was created still applies.
  return createNestedJwksCache(
    {
      ...jwks,
      url: options.jwksUri,
      algorithms,
      ...(fetch === undefined ? {} : { fetch }),
      ...(clock === undefined ? {} : { clock }),
    },
    what,
    'jwks.',
    urlOption,
  )
}

function resolveTokenCache(value: VerifierOptions['tokenCache'], what: string): TokenCache | undefined {
  if (value === false) return undefined
  if (value !== undefined && !isOptionsObject(value)) invalidOption('tokenCache', 'false or { max }')
  if (value !== undefined) checkNames(value, TOKEN_CACHE_OPTION_NAMES, what, 'tokenCache.')
  return new TokenCache(checkNumber(value?.max, 'tokenCache.max', POSITIVE_INTEGER_RULE, 1000))
}

/** The verifier behind {@link createVerifier} and `createStytchVerifier`. */
class JwtVerifier implements Verifier {
  readonly jwks: JwksSource
  readonly #settings: Settings
  readonly #tokens: TokenCache | undefined
  readonly #isCurrent = (key: JwksKey): boolean => this.jwks.peekKey(key.kid) === key
  /**
   * Header segments that passed the header check. One issuer signs every token with the same few headers, so this
   * skips decoding and checking them again. Bounded: cleared when full, so attacker headers cannot grow it.
   */
  readonly #headers = new Map<string, CheckedHeader>()
  #lastHeader: string | undefined
  #lastChecked: CheckedHeader | undefined
  /** Tells the token's kind after the claim checks, or refuses it; the generic verifier calls every token `'m2m'`. */
  readonly #classify: TokenClassifier
  // revocations and decisions (issue 18): the source checked on every call, the decision publisher, and whether
  // the current call was answered from the token cache (set synchronously by #fromCache, read right after).
  readonly #revocations: RevocationSource | undefined
  readonly #decisions: DecisionPublisher
  #hit = false

  /**
   * @param options - The verifier options, as given to `createVerifier` or built by another factory.
   * @param what - The factory the integrator called, named in messages about unknown names.
   * @param classify - Tells the kind of a verified token, or refuses it.
   * @param urlOption - The option the JWKS URL came from, named if it is refused.
   */
  constructor(options: VerifierOptions, what: string, classify: TokenClassifier = () => 'm2m', urlOption = 'jwksUri') {
    if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
    checkNames(options, VERIFIER_OPTION_NAMES, what, '')
    this.#settings = resolveSettings(options)
    this.jwks = resolveJwks(options, [...this.#settings.header.algorithms] as RsaAlgorithm[], what, urlOption)
    this.#tokens = resolveTokenCache(options.tokenCache, what)
    this.#classify = classify
    this.#revocations = resolveRevocations(options.revocations) // revocations (issue 18)
    this.#decisions = new DecisionPublisher(options.onDecision) // decisions (issue 18)
  }

  verify(token: string, options: VerifyOptions = NO_OPTIONS): Promise<M2MAuth> {
    const started = this.#decisions.start() // decisions (issue 18)
    const result = this.#verifyCall(token, options)
    if (started >= 0) this.#decisions.settle(result, this.#hit, started) // decisions (issue 18)
    return result
  }

  #verifyCall(token: string, options: VerifyOptions): Promise<M2MAuth> {
    this.#hit = false // decisions (issue 18)
    let cached: M2MAuth | undefined
    try {
      checkCallOptions(options, 'verify')
      if (typeof token !== 'string') throw new InvalidTokenError('ERR_TOKEN_MALFORMED')
      cached = this.#fromCache(token, options)
    } catch (error) {
      return Promise.reject(this.#withRealm(error, options))
    }
    return cached === undefined ? this.#verifyFully(token, options) : Promise.resolve(cached)
  }

  authenticate(
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions & { required: false },
  ): Promise<M2MAuth | null>
  authenticate(
    authorization: string | readonly string[] | null | undefined,
    options?: AuthenticateOptions,
  ): Promise<M2MAuth>
  authenticate(
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions = NO_OPTIONS,
  ): Promise<M2MAuth | null> {
    const started = this.#decisions.start() // decisions (issue 18)
    let result: Promise<M2MAuth | null>
    try {
      const value = this.#check(authorization, options)
      result = value instanceof Promise ? value : Promise.resolve(value)
    } catch (error) {
      result = Promise.reject(error)
    }
    if (started >= 0) this.#decisions.settle(result, this.#hit, started) // decisions (issue 18)
    return result
  }

  /**
   * The adapters' entry (see `verifier-check.ts`): `authenticate` without the promise on a cache hit, so an adapter
   * can let a request through in the same tick. Throws synchronous failures.
   */
  [VERIFIER_CHECK](
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions = NO_OPTIONS,
  ): M2MAuth | null | Promise<M2MAuth> {
    const started = this.#decisions.start() // decisions (issue 18)
    let value: M2MAuth | null | Promise<M2MAuth>
    try {
      value = this.#check(authorization, options)
    } catch (error) {
      if (started >= 0) this.#decisions.now(undefined, error, this.#hit, started) // decisions (issue 18)
      throw error
    }
    if (started >= 0) {
      // decisions (issue 18): a cache hit is published now, a verification when it settles.
      if (value instanceof Promise) this.#decisions.settle(value, false, started)
      else this.#decisions.now(value, undefined, true, started)
    }
    return value
  }

  /**
   * What `authenticate` and the adapters' entry share: parses the header once and probes the token cache once; the
   * caller (or `null`) on a hit, a promise on a miss. Throws synchronous failures, realm applied.
   */
  #check(
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions,
  ): M2MAuth | null | Promise<M2MAuth> {
    this.#hit = false // decisions (issue 18)
    let token: string | null
    let cached: M2MAuth | undefined
    try {
      token = this.#bearerToken(authorization, options, 'authenticate')
      if (token === null) return null
      cached = this.#fromCache(token, options)
      // A cached token passed the strict base64url checks, which imply b64token: only a new one is scanned.
      if (cached === undefined) assertB64Token(token)
    } catch (error) {
      throw this.#withRealm(error, options)
    }
    return cached ?? this.#verifyFully(token, options)
  }

  async warm(): Promise<void> {
    await Promise.all([this.jwks.warm(), this.#revocations?.ready()]) // revocations (issue 18): rules loaded too
  }

  /** The bearer token of a header, or `null` for a request without one when `required` is `false`. */
  #bearerToken(
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions,
    call: CallName,
  ): string | null {
    // Checked first, so a mistyped option fails every request, not only those that carry a token.
    checkCallOptions(options, call)
    try {
      return extractBearerToken(authorization)
    } catch (error) {
      if (options.required === false && (error as M2MAuthError).code === 'ERR_MISSING_TOKEN') return null
      throw error
    }
  }

  #verifyFully(token: string, options: VerifyOptions): Promise<M2MAuth> {
    let result: Promise<M2MAuth>
    try {
      const value = this.#verify(token, options)
      result = value instanceof Promise ? value : Promise.resolve(value)
    } catch (error) {
      return Promise.reject(this.#withRealm(error, options))
    }
    // Errors are born with the default realm; only a configured one costs a handler.
    if ((options.realm ?? this.#settings.realm) === DEFAULT_REALM) return result
    return result.catch((error: unknown) => {
      throw this.#withRealm(error, options)
    })
  }

  #withRealm(error: unknown, options: VerifyOptions): unknown {
    // Errors are born with the default realm and never changed: a configured realm makes a copy. A TypeError (bad
    // options, possibly not even an object) is left as it is.
    if (!isM2MAuthError(error)) return error
    const realm = options.realm ?? this.#settings.realm
    return realm === DEFAULT_REALM ? error : error.withRealm(realm)
  }

  /** A token verified before: time and scope checks run again; `undefined` when it needs full verification. */
  #fromCache(token: string, options: VerifyOptions): M2MAuth | undefined {
    const cached = this.#tokens?.get(token, this.#isCurrent)
    if (cached === undefined) return undefined
    this.#hit = true // decisions (issue 18)
    const settings = this.#settings
    try {
      checkTimes(
        cached.times,
        settings.clock() / 1000,
        settings.clockTolerance,
        options.maxTokenAge ?? settings.maxTokenAge,
      )
    } catch (error) {
      if ((error as InvalidTokenError).code === 'ERR_TOKEN_EXPIRED') this.#tokens?.delete(token)
      throw error
    }
    if (this.#revocations !== undefined) assertNotRevoked(this.#revocations, cached.auth, token, true) // revocations (issue 18)
    this.#checkScopes(cached.auth, options)
    return cached.auth
  }

  /**
   * Full verification: the result itself when nothing has to be waited for (the key cached, `node:crypto`), else a
   * promise; no async function, whose promise every call would pay for. Throws synchronous failures.
   */
  #verify(token: string, options: VerifyOptions): M2MAuth | Promise<M2MAuth> {
    const jwt = splitJwt(token, this.#settings.maxTokenLength)
    const { alg, kid } = this.#checkHeader(jwt.header)
    // Both segments are decoded before the key lookup, so a malformed token never causes a JWKS fetch, and on both
    // crypto paths, so each refuses the same tokens.
    const payloadText = decodeJsonText(jwt.payload)
    const signature = decodeSignature(jwt.signature)
    const key = this.jwks.peekKey(kid)
    if (key !== undefined) return this.#verifyWith(token, jwt, alg, key, signature, payloadText, options)
    return this.jwks.getKey(kid).then((fetched) =>
      // The signature's bytes were in a buffer other verifications reused while this one waited: decoded again.
      this.#verifyWith(token, jwt, alg, fetched, decodeBase64url(jwt.signature), payloadText, options),
    )
  }

  /** The signature check with the key the header named, then the claims. */
  #verifyWith(
    token: string,
    jwt: JwtSegments,
    alg: RsaAlgorithm,
    key: JwksKey | undefined,
    signature: Uint8Array,
    payloadText: string,
    options: VerifyOptions,
  ): M2MAuth | Promise<M2MAuth> {
    // A key published with an `alg` verifies that algorithm only (RFC 7517 §4.4): an RS256 token must not verify
    // against a key its owner reserved for PS256, even when both are allowed. A key without `alg` serves any.
    if (key === undefined || (key.jwk.alg !== undefined && key.jwk.alg !== alg)) {
      throw new InvalidTokenError('ERR_TOKEN_KEY_NOT_FOUND')
    }
    if (this.#settings.useNodeCrypto) {
      return this.#accept(token, key, verifyWithNodeCrypto(alg, key, jwt.signingInput, signature), payloadText, options)
    }
    return verifyWithWebCrypto(alg, key, jwt.signingInput, signature).then((valid) =>
      this.#accept(token, key, valid, payloadText, options),
    )
  }

  /** After the signature check: parses the payload, checks the claims, builds and caches the result. */
  #accept(token: string, key: JwksKey, valid: boolean, payloadText: string, options: VerifyOptions): M2MAuth {
    if (!valid) throw new InvalidTokenError('ERR_TOKEN_SIGNATURE')
    const settings = this.#settings
    // The payload is parsed only once its signature is known to be good.
    const payload = parseJsonText(payloadText)
    const times = checkClaims(payload, settings.claims)
    const kind = this.#classify(payload)
    checkTimes(times, settings.clock() / 1000, settings.clockTolerance, options.maxTokenAge ?? settings.maxTokenAge)
    const auth = buildAuth(token, payload, kind)
    if (this.#revocations !== undefined) assertNotRevoked(this.#revocations, auth, token, false) // revocations (issue 18)
    this.#tokens?.set(token, { auth, key, times })
    this.#checkScopes(auth, options)
    return auth
  }

  #checkHeader(segment: string): CheckedHeader {
    // The last header first: one string comparison, where the map would hash the segment first.
    if (segment === this.#lastHeader) return this.#lastChecked as CheckedHeader
    let checked = this.#headers.get(segment)
    if (checked === undefined) {
      checked = checkHeader(parseJsonText(decodeJsonText(segment)), this.#settings.header)
      if (this.#headers.size >= 32) this.#headers.clear()
      this.#headers.set(segment, checked)
    }
    this.#lastHeader = segment
    this.#lastChecked = checked
    return checked
  }

  #checkScopes(auth: M2MAuth, options: VerifyOptions): void {
    const { requiredScopes = NO_SCOPES, anyScopes = NO_SCOPES, scopeCheck } = options
    if (requiredScopes.length === 0 && anyScopes.length === 0 && scopeCheck === undefined) return
    if (scopeCheck !== undefined) {
      if (!scopeCheck(auth.scopes, auth)) throw new InsufficientScopeError(requiredScopes)
      return
    }
    // The challenge names the scopes of the rule that failed, never ones the caller already has.
    if (!hasRequiredScopes(auth.scopes, requiredScopes)) throw new InsufficientScopeError(requiredScopes)
    if (!hasAnyScope(auth.scopes, anyScopes)) throw new InsufficientScopeError(anyScopes)
  }
}

/**
 * Creates a verifier for RSA-signed JWT access tokens from any OAuth 2.0 issuer. `createStytchVerifier` is this
 * with Stytch's issuers, audience, JWKS URL and rules filled in.
 *
 * Secure by default: issuer and audience are always checked (only an explicit `audience: null` skips it), `exp`,
 * `iat`, `iss` and `sub` are required, the algorithm comes from `algorithms` (default `RS256`), tokens naming
 * their own keys (`jku`, `jwk`, `x5u`, `x5c`) or carrying `crit` are refused.
 *
 * @param options - See {@link VerifierOptions}.
 * @returns A {@link Verifier}; create it once and share it.
 * @throws {TypeError} when an option is missing, unknown or invalid; the message names it.
 * @example
 * const verifier = createVerifier({
 *   issuers: ['https://issuer.example.com'],
 *   audience: 'https://api.example.com',
 *   jwksUri: 'https://issuer.example.com/.well-known/jwks.json',
 * })
 * const auth = await verifier.verify(token, { requiredScopes: ['read:users'] })
 */
export function createVerifier(options: VerifierOptions): Verifier<'m2m'> {
  return new JwtVerifier(options, 'createVerifier') as Verifier<'m2m'>
}

/**
 * Checks a verified payload further (after signature and claims) and returns the token's kind, or throws an
 * `InvalidTokenError`. Runs once per token: its outcome is cached with the result.
 */
export type TokenClassifier = (payload: Readonly<Record<string, unknown>>) => TokenKind

/**
 * {@link createVerifier} on behalf of another factory (named in messages about unknown nested options), with a
 * classifier for issuers whose tokens of different kinds share keys (Stytch). Internal.
 *
 * @param options - Complete verifier options built by the factory.
 * @param what - The factory the integrator called, e.g. `createStytchVerifier`.
 * @param classify - Tells the kind of a verified token, or refuses it.
 * @param urlOption - The option the factory built `jwksUri` from (`baseUrl`), named if the URL is refused.
 * @returns A verifier whose results carry the kinds `classify` returns.
 * @throws {TypeError} when an option is unknown or invalid; the message names it.
 * @example
 * return createVerifierFor<'m2m'>({ ...common, issuers, audience, jwksUri }, 'createStytchVerifier', classify)
 */
export function createVerifierFor<K extends TokenKind>(
  options: VerifierOptions,
  what: string,
  classify?: TokenClassifier,
  urlOption?: string,
): Verifier<K> {
  // The classifier returns only kinds of K, so every result is an AuthOfKind<K>.
  return new JwtVerifier(options, what, classify, urlOption) as unknown as Verifier<K>
}
