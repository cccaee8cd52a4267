import { createRevocationList, type RevocationEntry, type RevocationRule, revocationId } from '@m2m-guard/core'
import { parseRevocationRule, storedRule } from '@m2m-guard/core/revocation'
import type { Redis } from 'ioredis'
import { connectRedis } from './redis-connection.js'
import { DEFAULT_CHANNEL, DEFAULT_KEY, STORE_MARKER, type StoreMessage } from './store-format.js'

/** Options of {@link createRevocationStore}. Exactly one of `url` and `client`. */
export interface RevocationStoreOptions {
  /** `redis://` or `rediss://` URL; `close()` closes the connection. */
  url?: string | undefined
  /** Your ioredis client (left open by `close()`). */
  client?: Redis | undefined
  /** The hash of the rules. Default `m2m-guard:revocations`. */
  key?: string | undefined
  /** The pub/sub channel. Default `m2m-guard:revocations`. */
  channel?: string | undefined
  /** As in `redisRevocations`: when rules expire. Default 3600. */
  maxTokenLifetime?: number | undefined
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/** What is in the store. */
export interface StoreListing {
  /** Active rules. */
  readonly rules: readonly RevocationEntry[]
  /** Stored values that are not valid rules (instances refuse them too), by id. */
  readonly refused: readonly { readonly id: string; readonly reason: string }[]
}

/** Writes the rules every `redisRevocations` source of the fleet enforces. */
export interface RevocationStore {
  /**
   * Stores a rule and tells every instance at once; expired rules are removed on the way.
   *
   * @param rule - The rule; `issuedBefore` defaults to now.
   * @returns The stored entry.
   * @throws {TypeError} when the rule is invalid.
   */
  revoke(rule: RevocationRule): Promise<RevocationEntry>
  /**
   * Removes a rule everywhere.
   *
   * @param id - Its id, as `list()` shows it.
   * @returns Whether it was there.
   */
  remove(id: string): Promise<boolean>
  /** The stored rules. */
  list(): Promise<StoreListing>
  /**
   * Whether the store holds its marker: `false` for a store never written, or lost (Redis restarted without
   * persistence). Instances keep the rules they know over such a store until the next write, which makes the store
   * the truth again: re-add every rule still needed.
   */
  written(): Promise<boolean>
  /**
   * Removes every rule everywhere (the store stays marked as written, so instances apply the empty set).
   *
   * @returns How many were removed.
   */
  clear(): Promise<number>
  /** Closes the connection it opened. */
  close(): Promise<void>
}

class RedisRevocationStore implements RevocationStore {
  readonly #redis: Redis
  readonly #owns: boolean
  readonly #key: string
  readonly #channel: string
  readonly #lifetime: number | undefined
  readonly #clock: () => number

  constructor(options: RevocationStoreOptions) {
    const { url, client } = options
    if ((url === undefined) === (client === undefined)) {
      throw new TypeError('m2m-guard: option "url" must be given, or else "client" (exactly one of them)')
    }
    this.#owns = client === undefined
    this.#redis = client ?? connectRedis(url as string, { enableOfflineQueue: true, retryStrategy: () => null })
    // A connection failure rejects the command that needed it; the 'error' event would only repeat it on stderr.
    if (client === undefined) this.#redis.on('error', () => {})
    this.#key = options.key ?? DEFAULT_KEY
    this.#channel = options.channel ?? DEFAULT_CHANNEL
    this.#lifetime = options.maxTokenLifetime
    this.#clock = options.clock ?? Date.now
  }

  async revoke(rule: RevocationRule): Promise<RevocationEntry> {
    const parsed = parseRevocationRule(rule, Math.floor(this.#clock() / 1000))
    if (!parsed.ok) throw new TypeError(`m2m-guard: invalid revocation rule: ${parsed.reason}`)
    const id = revocationId(parsed.rule)
    const stored = storedRule(parsed.rule)
    const listing = await this.list()
    const expired = await this.#expiredIds(listing)
    const message: StoreMessage = { op: 'set', id, rule: stored }
    const transaction = this.#redis.multi().hset(this.#key, id, JSON.stringify(stored)).hset(this.#key, this.#marker())
    if (expired.length > 0) transaction.hdel(this.#key, ...expired)
    await transaction.publish(this.#channel, JSON.stringify(message)).exec()
    const entry = this.#entries([[id, stored]]).rules[0]
    return entry ?? { id, rule: stored, expiresAt: new Date(this.#clock()) }
  }

  async remove(id: string): Promise<boolean> {
    const message: StoreMessage = { op: 'delete', id }
    const results = await this.#redis
      .multi()
      .hdel(this.#key, id)
      .hset(this.#key, this.#marker())
      .publish(this.#channel, JSON.stringify(message))
      .exec()
    return results?.[0]?.[1] === 1
  }

  async list(): Promise<StoreListing> {
    const hash = await this.#redis.hgetall(this.#key)
    return this.#entries(
      Object.entries(hash)
        .filter(([id]) => id !== STORE_MARKER)
        .map(([id, text]) => [id, parse(text)]),
    )
  }

  async written(): Promise<boolean> {
    return (await this.#redis.hexists(this.#key, STORE_MARKER)) === 1
  }

  async clear(): Promise<number> {
    const ids = (await this.#redis.hkeys(this.#key)).filter((id) => id !== STORE_MARKER)
    const message: StoreMessage = { op: 'clear' }
    const transaction = this.#redis.multi()
    if (ids.length > 0) transaction.hdel(this.#key, ...ids)
    await transaction.hset(this.#key, this.#marker()).publish(this.#channel, JSON.stringify(message)).exec()
    return ids.length
  }

  async close(): Promise<void> {
    if (this.#owns) await this.#redis.quit().catch(() => this.#redis.disconnect())
  }

  #marker(): Record<string, string> {
    return { [STORE_MARKER]: JSON.stringify({ writtenAt: new Date(this.#clock()).toISOString() }) }
  }

  /** Checks stored values the way instances do (same rules, same expiry). */
  #entries(entries: [string, unknown][]): StoreListing {
    const list = createRevocationList({ clock: this.#clock, maxTokenLifetime: this.#lifetime, name: 'redis' })
    const { refused } = list.replace(entries)
    return { rules: list.list(), refused }
  }

  async #expiredIds(listing: StoreListing): Promise<string[]> {
    const active = new Set(listing.rules.map((entry) => entry.id))
    const refused = new Set(listing.refused.map((entry) => entry.id))
    const ids = (await this.#redis.hkeys(this.#key)).filter((id) => id !== STORE_MARKER)
    // Only rules that are valid but no longer active: refused values are left for a person to look at.
    return ids.filter((id) => !active.has(id) && !refused.has(id))
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

/**
 * Opens the store the fleet's `redisRevocations` sources read: what the `m2m-guard` command uses, for scripts and
 * admin endpoints of your own.
 *
 * @param options - See {@link RevocationStoreOptions}.
 * @returns The store.
 * @throws {TypeError} when neither or both of `url` and `client` are given.
 * @example
 * const store = createRevocationStore({ url: 'redis://127.0.0.1:6379' })
 * await store.revoke({ type: 'client', clientId: 'm2m-client-live-1', reason: 'secret leaked' })
 * await store.close()
 */
export function createRevocationStore(options: RevocationStoreOptions): RevocationStore {
  return new RedisRevocationStore(options)
}
