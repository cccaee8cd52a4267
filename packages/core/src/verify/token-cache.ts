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

/** Characters of the token's end used as the LRU key: 258 bits of an RSA signature (at least 2048 bits long). */
const KEY_LENGTH = 43

/**
 * Bounded LRU of verification results. A hit needs the whole token string to be equal to the cached one, so a token
 * altered in any byte is a miss and goes through full verification. The LRU is keyed by the token's last 43
 * characters (signature bytes) rather than the whole token: a request's token is a new string every time, and
 * hashing 700 characters costs more than the rest of a cache hit. Only tokens that passed every check are stored,
 * so a flood of invalid tokens grows nothing.
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
    const entry = this.#lru.get(token.slice(-KEY_LENGTH))
    if (entry === undefined || entry.auth.token !== token) return undefined
    if (!isCurrent(entry.key)) {
      this.#lru.delete(token.slice(-KEY_LENGTH))
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
    this.#lru.set(token.slice(-KEY_LENGTH), entry)
  }

  /**
   * Forgets a token (after it expired).
   *
   * @param token - The whole token.
   */
  delete(token: string): void {
    if (this.#lru.peek(token.slice(-KEY_LENGTH))?.auth.token === token) this.#lru.delete(token.slice(-KEY_LENGTH))
  }

  /** Number of entries. */
  get size(): number {
    return this.#lru.size
  }
}
