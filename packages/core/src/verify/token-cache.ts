import { LRUCache } from 'lru-cache'
import type { JwksKey } from '../jwks/jwks-source.js'
import type { TimeClaims } from './check-claims.js'
import type { M2MAuth } from './m2m-auth.js'

/** A verified token: its result, the key that verified it, and its time claims for the per-call checks. */
export interface TokenCacheEntry {
  readonly auth: M2MAuth
  readonly key: JwksKey
  readonly times: TimeClaims
}

/**
 * Bounded LRU of verification results keyed by the whole token string, so that a token altered in any byte is a
 * miss and goes through full verification. Only tokens that passed every check are stored, so a flood of invalid
 * tokens grows nothing.
 */
export class TokenCache {
  readonly #lru: LRUCache<string, TokenCacheEntry>

  /** @param max - Most entries kept. */
  constructor(max: number) {
    this.#lru = new LRUCache({ max })
  }

  /**
   * The entry for `token`, if it is cached and `isCurrent(entry.key)` still holds; stale entries are dropped.
   *
   * @param token - The whole token.
   * @param isCurrent - Whether the key that verified it is still published.
   * @returns The entry or `undefined`.
   */
  get(token: string, isCurrent: (key: JwksKey) => boolean): TokenCacheEntry | undefined {
    const entry = this.#lru.get(token)
    if (entry === undefined) return undefined
    if (!isCurrent(entry.key)) {
      this.#lru.delete(token)
      return undefined
    }
    return entry
  }

  /**
   * Stores a verified token.
   *
   * @param token - The whole token.
   * @param entry - Its result.
   */
  set(token: string, entry: TokenCacheEntry): void {
    this.#lru.set(token, entry)
  }

  /**
   * Forgets a token (after it expired).
   *
   * @param token - The whole token.
   */
  delete(token: string): void {
    this.#lru.delete(token)
  }

  /** Number of entries. */
  get size(): number {
    return this.#lru.size
  }
}
