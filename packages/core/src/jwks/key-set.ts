import type { JwksKey, RsaPublicJwk } from './jwks-source.js'

/** The result of merging a fresh JWKS into the cached keys. */
export interface MergedKeys {
  /** The new keys by `kid`. */
  readonly keys: ReadonlyMap<string, JwksKey>
  /** Kids of the previous set that the new one no longer lists. */
  readonly removed: readonly string[]
}

/**
 * Builds the key map of a freshly fetched JWKS, reusing the previous {@link JwksKey} object of every `kid` whose
 * `n`, `e` and `alg` are unchanged: callers memoize imported crypto keys and verified tokens per key object, so an
 * unchanged key must keep its identity and a changed or removed one must not.
 *
 * @param previous - The keys cached so far, if any.
 * @param jwks - The validated keys of the new document (unique kids).
 * @returns The new map and the kids that disappeared.
 * @example
 * const { keys, removed } = mergeKeys(cached, parseJwks(document, { algorithms: ['RS256'], minKeyBits: 2048 }))
 */
export function mergeKeys(
  previous: ReadonlyMap<string, JwksKey> | undefined,
  jwks: readonly RsaPublicJwk[],
): MergedKeys {
  const keys = new Map<string, JwksKey>()
  for (const jwk of jwks) {
    const old = previous?.get(jwk.kid)
    const unchanged = old !== undefined && old.jwk.n === jwk.n && old.jwk.e === jwk.e && old.jwk.alg === jwk.alg
    keys.set(jwk.kid, unchanged ? old : Object.freeze({ kid: jwk.kid, jwk }))
  }
  const removed = previous === undefined ? [] : [...previous.keys()].filter((kid) => !keys.has(kid))
  return { keys, removed }
}
