/** An RSA public key as published in a JWKS, after validation. */
export interface RsaPublicJwk {
  readonly kty: 'RSA'
  readonly kid: string
  readonly n: string
  readonly e: string
  readonly alg?: string
  readonly use?: string
}

/**
 * One usable signing key of a JWKS.
 *
 * A cache hands out the same object for as long as the published key (`kid`, `n`, `e`) is unchanged, so callers
 * may memoize per object (imported crypto keys, verified-token cache entries) and compare by identity.
 */
export interface JwksKey {
  /** The key id. */
  readonly kid: string
  /** The validated public JWK. */
  readonly jwk: RsaPublicJwk
}

/**
 * The key set a cache holds, with the time it was fetched: what `snapshot()` returns, and what `jwks.initial`
 * takes back (in another process, isolate or cold start), so a store such as Workers KV can spare the first fetch.
 */
export interface JwksSnapshot {
  /** The validated keys, a JWKS document's `keys`. */
  readonly keys: readonly RsaPublicJwk[]
  /** When the set was fetched, in milliseconds since the epoch (the cache's clock). */
  readonly fetchedAt: number
}

/**
 * What `jwks.initial` accepts: a JWKS document as published (`{ keys: [...] }`) or a {@link JwksSnapshot}. It is
 * checked like a fetched document. Without `fetchedAt`, it counts as fetched when the cache is created.
 */
export interface JwksSeed {
  readonly keys: readonly unknown[]
  readonly fetchedAt?: number | undefined
}

/** Counters a JWKS source keeps so users can log and alert. */
export interface JwksStats {
  /** Fetches started. */
  fetches: number
  /** Fetches that failed (network, timeout, status, body). */
  failures: number
  /** Lookups answered from a set older than `cacheMaxAge` because refreshing failed. */
  staleServed: number
  /** Unknown-`kid` lookups refused without a fetch because the cooldown was running. */
  cooldownHits: number
}

/** Events a JWKS source reports through its `onEvent` hook. */
export type JwksEvent =
  | { type: 'fetch'; url: string }
  | { type: 'fetch-success'; url: string; keys: number; kids: readonly string[] }
  | { type: 'fetch-failure'; url: string; error: unknown; retryInSeconds: number }
  | { type: 'stale-served'; url: string; ageSeconds: number }
  | { type: 'cooldown-hit'; url: string; kid: string }
  | { type: 'key-removed'; url: string; kid: string }

/**
 * Where a verifier gets its signing keys. The built-in {@link createJwksCache} implements it; pass your own to
 * share keys between verifiers or load them from elsewhere.
 */
export interface JwksSource {
  /**
   * The usable key for `kid` right now, without waiting. May start a background refresh when the set is old.
   *
   * @param kid - Key id from the token header.
   * @returns The key, or `undefined` when it is not in a usable cached set.
   */
  peekKey(kid: string): JwksKey | undefined
  /**
   * The key for `kid`, fetching the set first when none is cached, or refetching (at most once per cooldown)
   * when `kid` is unknown.
   *
   * @param kid - Key id from the token header.
   * @returns The key, or `undefined` when the set does not hold `kid`.
   * @throws {JwksUnavailableError} `ERR_JWKS_UNAVAILABLE` when no usable key set can be had.
   */
  getKey(kid: string): Promise<JwksKey | undefined>
  /**
   * Fetches the set ahead of the first request.
   *
   * @throws {JwksUnavailableError} `ERR_JWKS_UNAVAILABLE` when the fetch fails.
   */
  warm(): Promise<void>
  /** A snapshot of the counters. */
  stats(): JwksStats
  /**
   * The cached key set and when it was fetched, to store where the next cold start can read it (`jwks.initial`);
   * `undefined` before the first successful fetch. Optional: a custom source need not have it.
   */
  snapshot?(): JwksSnapshot | undefined
}
