import type { JwksEvent, JwksSeed, JwksSource } from '../jwks/jwks-source.js'
import type { AuthOfKind, M2MAuth, TokenKind } from './m2m-auth.js'
import type { AuthenticateOptions, VerifyOptions } from './verify-options.js'

/** RSA signature algorithms a verifier can be configured with. Never `none`, never HMAC. */
export type RsaAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'PS384' | 'PS512'

/** Settings of the built-in JWKS cache. All durations are in seconds. */
export interface JwksCacheSettings {
  /** Age after which the set is refreshed in the background on next use. Default 600. */
  cacheMaxAge?: number | undefined
  /** Minimum time between refetches caused by an unknown `kid`. Default 30. */
  cooldown?: number | undefined
  /** How long past `cacheMaxAge` known keys keep working while refreshes fail; `false` turns it off. Default 3600. */
  staleIfError?: number | false | undefined
  /** Total time for one fetch, body included. Default 5. */
  timeout?: number | undefined
  /** Largest accepted response body, in bytes. Default 262144 (256 KiB). */
  maxResponseBytes?: number | undefined
  /** Smallest accepted RSA modulus, in bits. Default 2048. */
  minKeyBits?: number | undefined
  /** Receives fetch, failure, stale-serving and cooldown events, for logs and alerts. */
  onEvent?: ((event: JwksEvent) => void) | undefined
  /**
   * A key set to start with, e.g. a `snapshot()` kept in Workers KV: no fetch until it is `cacheMaxAge` old
   * (counted from its `fetchedAt`), then a refresh as usual. Checked like a fetched document; invalid → `TypeError`.
   */
  initial?: JwksSeed | undefined
}

/** Settings of the verified-token cache. */
export interface TokenCacheSettings {
  /** Most entries kept (LRU). Default 1000. */
  max?: number | undefined
}

/** Options shared by {@link createVerifier} and `createStytchVerifier`. */
export interface CommonVerifierOptions {
  /** Seconds of leeway for `exp`, `nbf` and `iat`, from 0 to 300. Default 5. */
  clockTolerance?: number | undefined
  /** Reject tokens when `now - iat >= maxTokenAge` (seconds, from 0 to 86400). Default: no limit. */
  maxTokenAge?: number | undefined
  /** Longest accepted token, in characters, checked before any decoding. Default 8192. */
  maxTokenLength?: number | undefined
  /** JWKS cache settings, or your own {@link JwksSource}. */
  jwks?: JwksCacheSettings | JwksSource | undefined
  /** Verified-token cache settings; `false` turns it off. Default `{ max: 1000 }`. */
  tokenCache?: TokenCacheSettings | false | undefined
  /** The `fetch` used for the JWKS. Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
  /** Realm of `WWW-Authenticate` challenges. Default `"api"`. */
  realm?: string | undefined
  /**
   * Signature implementation. `'auto'` (default) uses `node:crypto` where it exists and WebCrypto elsewhere; both
   * apply the same rules.
   */
  crypto?: 'auto' | 'node' | 'webcrypto' | undefined
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/** Options of {@link createVerifier}, the generic verifier for any OAuth 2.0 issuer of RSA-signed JWTs. */
export interface VerifierOptions extends CommonVerifierOptions {
  /** Accepted `iss` values, compared exactly. Required. */
  issuers: readonly string[]
  /** Required `aud` member(s): the token's `aud` must contain at least one. `null` skips the check, explicitly. */
  audience: string | readonly string[] | null
  /** Where the signing keys are published. `https:` only, except loopback hosts. Ignored when `jwks` is a source. */
  jwksUri: string | URL
  /** Accepted algorithms. Default `['RS256']`. */
  algorithms?: readonly RsaAlgorithm[] | undefined
  /** Required header `typ` (compared case-insensitively, `application/` prefix allowed); `null` skips. Default `null`. */
  typ?: string | null | undefined
  /** Claims that must be present besides `exp`, `iat`, `iss` and `sub` (always required). */
  requiredClaims?: readonly string[] | undefined
  /** Claims whose presence marks a token of the wrong kind (for Stytch: session JWTs). */
  forbiddenClaims?: readonly string[] | undefined
}

/**
 * A token verifier. Create one per issuer at start-up and share it: it owns the JWKS and verified-token caches.
 *
 * @typeParam K - The token kinds it accepts; its results are {@link AuthOfKind}`<K>`. `createVerifier` and a default
 *   `createStytchVerifier` give `Verifier<'m2m'>`; a bare `Verifier` is one of any kind (results: {@link M2MAuth}).
 */
export interface Verifier<K extends TokenKind = TokenKind> {
  /**
   * Verifies a compact JWS access token.
   *
   * @param token - The token, without `Bearer `.
   * @param options - Required scopes and per-call overrides.
   * @returns The verified result ({@link M2MAuth} of kind `K`).
   * @throws {InvalidTokenError} `ERR_TOKEN_*` when the token fails a check.
   * @throws {InsufficientScopeError} `ERR_INSUFFICIENT_SCOPE` when a required scope is missing.
   * @throws {JwksUnavailableError} `ERR_JWKS_UNAVAILABLE` when no signing key can be had.
   * @throws {TypeError} (as a rejection) when `options` has an unknown name or an invalid value.
   */
  verify(token: string, options?: VerifyOptions): Promise<AuthOfKind<K>>
  /**
   * Parses an RFC 6750 `Authorization: Bearer` header value and verifies its token.
   *
   * @param authorization - The header value; an array when the request carried the header more than once.
   * @param options - As for `verify`, plus `required`.
   * @returns The verified result ({@link M2MAuth} of kind `K`), or `null` for a request without a token when `required` is `false`.
   * @throws {MissingTokenError} `ERR_MISSING_TOKEN` when there is no bearer token.
   * @throws {InvalidRequestError} `ERR_INVALID_REQUEST` when the header is malformed or repeated.
   * @throws {M2MAuthError} everything `verify` throws.
   * @throws {TypeError} (as a rejection) when `options` has an unknown name or an invalid value.
   */
  authenticate(
    authorization: string | readonly string[] | null | undefined,
    options: AuthenticateOptions & { required: false },
  ): Promise<AuthOfKind<K> | null>
  authenticate(
    authorization: string | readonly string[] | null | undefined,
    options?: AuthenticateOptions,
  ): Promise<AuthOfKind<K>>
  /**
   * Fetches the signing keys ahead of the first request.
   *
   * @throws {JwksUnavailableError} `ERR_JWKS_UNAVAILABLE` when they cannot be fetched.
   */
  warm(): Promise<void>
  /** The JWKS source, for its `stats()`. */
  readonly jwks: JwksSource
}
