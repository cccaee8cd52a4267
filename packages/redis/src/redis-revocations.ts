import {
  createRevocationList,
  type M2MAuth,
  type RevocationEvent,
  type RevocationList,
  type RevocationSource,
  RevocationsUnavailableError,
} from '@m2m-guard/core'
import type { Redis } from 'ioredis'
import { CONNECTION_DEFAULTS, connectRedis } from './redis-connection.js'
import { checkRedisOptions, type RedisRevocationsOptions } from './redis-options.js'
import { DEFAULT_CHANNEL, DEFAULT_KEY, parseStoreMessage, STORE_MARKER, type StoreMessage } from './store-format.js'

const SOURCE = 'redis'
/** Longest wait for one snapshot read before it counts as failed. */
const READ_TIMEOUT_MS = 5000
/** Wait before retrying a failed snapshot read while subscribed. */
const RETRY_MS = 250

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from Redis within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    // A string is refused by the rule check ("a rule must be an object"), naming the field.
    return text
  }
}

class RedisRevocations implements RevocationSource {
  readonly #list: RevocationList
  readonly #commands: Redis
  readonly #subscriber: Redis
  readonly #ownsCommands: boolean
  readonly #key: string
  readonly #channel: string
  readonly #failClosedAfterMs: number | undefined
  readonly #clock: () => number
  readonly #ready: Promise<void>
  #resolveReady: () => void = () => {}
  readonly #timers: ReturnType<typeof setInterval>[] = []
  /** When the source fell out of sync (ms), `undefined` while in sync. Out of sync from the start until the first snapshot. */
  #staleSince: number | undefined
  #failClosedReported = false
  #subscribed = false
  #resyncing: Promise<void> | undefined
  /** Updates received while a snapshot read is in flight: re-applied on top of the snapshot, which may predate them. */
  #pending: StoreMessage[] | undefined
  #retry: ReturnType<typeof setTimeout> | undefined
  /** Rules kept over an empty store: the next write to the store makes it authoritative again (full resync). */
  #keptOverEmpty = false
  #closed = false

  constructor(options: RedisRevocationsOptions) {
    const checked = checkRedisOptions(options)
    const { url, client, key, channel, failClosedAfter, resyncInterval, readyTimeout, ...listOptions } = options
    this.#list = createRevocationList({ ...listOptions, name: SOURCE })
    this.#clock = listOptions.clock ?? Date.now
    this.#key = key ?? DEFAULT_KEY
    this.#channel = channel ?? DEFAULT_CHANNEL
    this.#failClosedAfterMs = checked.failClosedAfter === false ? undefined : checked.failClosedAfter * 1000
    this.#staleSince = this.#clock()
    this.#ownsCommands = client === undefined
    this.#commands = client ?? connectRedis(url as string)
    // Subscribed by hand on every (re)connection, then the snapshot is read: no update can fall between the two.
    this.#subscriber = this.#commands.duplicate({ ...CONNECTION_DEFAULTS, autoResubscribe: false, lazyConnect: false })
    this.#ready = new Promise((resolve) => {
      this.#resolveReady = resolve
    })
    this.#listen()
    this.#timers.push(
      setTimeout(() => {
        if (this.#staleSince !== undefined && !this.#closed) {
          this.#report({
            type: 'error',
            source: SOURCE,
            message: `no snapshot within ${checked.readyTimeout} s; serving without rules until one is read`,
          })
        }
        this.#resolveReady()
      }, checked.readyTimeout * 1000),
      setInterval(() => void this.#resync(), checked.resyncInterval * 1000),
      setInterval(() => this.#watchStaleness(), 250),
    )
    for (const timer of this.#timers) timer.unref?.()
  }

  check(auth: M2MAuth, token: string, cached = false): boolean {
    if (this.#staleSince !== undefined && this.#failClosedAfterMs !== undefined) {
      if (this.#clock() - this.#staleSince >= this.#failClosedAfterMs) {
        this.#watchStaleness()
        throw new RevocationsUnavailableError(1)
      }
    }
    return this.#list.check(auth, token, cached)
  }

  ready(): Promise<void> {
    return this.#ready
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const timer of this.#timers) clearInterval(timer)
    clearTimeout(this.#retry)
    this.#resolveReady()
    this.#subscriber.disconnect()
    if (this.#ownsCommands) this.#commands.disconnect()
    await this.#resyncing
  }

  subscribe(listener: (event: RevocationEvent) => void): () => void {
    return this.#list.subscribe(listener)
  }

  #report(event: RevocationEvent): void {
    this.#list.report(event)
  }

  #listen(): void {
    const onError = (error: Error): void => {
      this.#report({ type: 'error', source: SOURCE, message: `Redis connection error: ${error.message}`, cause: error })
    }
    this.#commands.on('error', onError)
    this.#subscriber.on('error', onError)
    this.#subscriber.on('ready', () => {
      this.#subscriber.subscribe(this.#channel).then(
        () => {
          this.#subscribed = true
          void this.#resync()
        },
        (error: Error) => onError(error),
      )
    })
    this.#subscriber.on('close', () => this.#lost())
    this.#subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.#channel) this.#onMessage(text)
    })
  }

  #lost(): void {
    this.#subscribed = false
    if (this.#closed || this.#staleSince !== undefined) return
    this.#staleSince = this.#clock()
    this.#report({
      type: 'disconnect',
      source: SOURCE,
      message: 'lost the connection to Redis; serving the last snapshot',
    })
    this.#report({ type: 'stale', source: SOURCE, staleSeconds: 0, failClosed: false })
  }

  #watchStaleness(): void {
    if (this.#staleSince === undefined || this.#failClosedAfterMs === undefined || this.#failClosedReported) return
    const stale = this.#clock() - this.#staleSince
    if (stale >= this.#failClosedAfterMs) {
      this.#failClosedReported = true
      this.#report({ type: 'stale', source: SOURCE, staleSeconds: Math.floor(stale / 1000), failClosed: true })
    }
  }

  #onMessage(text: string): void {
    const message = parseStoreMessage(text)
    if (message === undefined) {
      this.#report({ type: 'error', source: SOURCE, message: 'ignored a message on the channel that is not an update' })
      return
    }
    this.#pending?.push(message)
    this.#apply(message)
    if (this.#keptOverEmpty) void this.#resync()
  }

  #apply(message: StoreMessage): void {
    if (message.op === 'set') this.#list.apply(message.id, message.rule)
    else if (message.op === 'delete') this.#list.remove(message.id)
    else this.#list.clear()
  }

  #resync(): Promise<void> {
    if (this.#closed) return Promise.resolve()
    if (this.#resyncing !== undefined) return this.#resyncing
    this.#pending = []
    this.#resyncing = this.#readSnapshot().finally(() => {
      this.#pending = undefined
      this.#resyncing = undefined
    })
    return this.#resyncing
  }

  async #readSnapshot(): Promise<void> {
    const subscribed = this.#subscribed
    let hash: Record<string, string>
    try {
      hash = await withTimeout(this.#commands.hgetall(this.#key), READ_TIMEOUT_MS)
    } catch (error) {
      this.#report({
        type: 'error',
        source: SOURCE,
        message: `reading the rules failed: ${(error as Error).message}`,
        cause: error,
      })
      if (this.#subscribed && !this.#closed) {
        clearTimeout(this.#retry)
        this.#retry = setTimeout(() => void this.#resync(), RETRY_MS)
        this.#retry.unref?.()
      }
      return
    }
    if (this.#closed) return
    this.#applySnapshot(hash)
    for (const message of this.#pending ?? []) this.#apply(message)
    // In sync only when the subscription was up before the read began: otherwise an update may have been missed.
    if (subscribed && this.#subscribed && this.#staleSince !== undefined) {
      this.#staleSince = undefined
      this.#failClosedReported = false
      this.#report({ type: 'connect', source: SOURCE })
    }
    if (this.#staleSince === undefined) this.#resolveReady()
  }

  #applySnapshot(hash: Record<string, string>): void {
    const entries = Object.entries(hash).filter(([id]) => id !== STORE_MARKER)
    if (!Object.hasOwn(hash, STORE_MARKER) && entries.length === 0 && this.#list.size > 0) {
      // Never written, or lost (restart without persistence, flush, failover to an empty replica): the rules this
      // instance knows are the best information there is until someone writes the store again.
      this.#keptOverEmpty = true
      this.#report({ type: 'store-empty', source: SOURCE, kept: this.#list.size })
      return
    }
    this.#keptOverEmpty = false
    this.#list.replace(entries.map(([id, text]) => [id, parseJson(text)] as const))
  }
}

/**
 * A revocation source kept in Redis and shared by every instance of an API: the rules are read from a hash at start
 * and after every reconnect, kept live by pub/sub, and checked in memory (no Redis round trip per request). While
 * Redis is unreachable the last snapshot keeps being enforced; with `failClosedAfter`, once out of sync that long,
 * every token is refused with 503 `ERR_REVOCATIONS_UNAVAILABLE`. A hash that comes back empty (Redis restarted
 * without persistence) does not erase the rules an instance knows: it keeps them until the store is written again
 * (`store-empty` event). Write rules with {@link createRevocationStore} or the `m2m-guard` command.
 *
 * @param options - See {@link RedisRevocationsOptions}.
 * @returns A {@link RevocationSource} to pass as a verifier's `revocations`.
 * @throws {TypeError} when an option is missing or invalid; the message names it.
 * @example
 * const revocations = redisRevocations({ url: process.env.REDIS_URL, failClosedAfter: 300, onEvent: console.log })
 * const verifier = createStytchVerifier({ projectId, revocations })
 * await verifier.warm() // keys fetched, first snapshot read
 */
export function redisRevocations(options: RedisRevocationsOptions): RevocationSource {
  return new RedisRevocations(options)
}
