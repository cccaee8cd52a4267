import { JwksUnavailableError } from '../errors/error-classes.js'
import { fetchJson } from '../http/fetch-json.js'
import {
  FIRST_BACKOFF_MS,
  type JwksCacheOptions,
  type ResolvedJwksCacheOptions,
  resolveJwksCacheOptions,
} from './jwks-cache-options.js'
import { JwksFetchError } from './jwks-fetch-error.js'
import type { JwksEvent, JwksKey, JwksSnapshot, JwksSource, JwksStats, RsaPublicJwk } from './jwks-source.js'
import { warnJwksUnavailable } from './jwks-warning.js'
import { mergeKeys } from './key-set.js'
import { MAX_KID_LENGTH, parseJwks } from './parse-jwks.js'

export type { JwksCacheOptions } from './jwks-cache-options.js'

/**
 * Creates the built-in {@link JwksSource}: an in-memory cache of one JWKS URL, safe to share by every request.
 *
 * - The first lookup fetches the set (concurrent lookups share that one fetch); `warm()` fetches ahead.
 * - Once the set is `cacheMaxAge` old, the next lookup starts one background refresh and is answered from the
 *   cached set: no lookup of a known `kid` waits on a refresh.
 * - An unknown `kid` refetches the set at most once per `cooldown`, shared by all callers; within the cooldown
 *   it resolves to `undefined` at once (counted in `cooldownHits`). Nothing is kept per `kid`.
 * - A failed fetch (network, timeout, non-200 or redirect, non-JSON, body over the cap, no usable key) never
 *   replaces the cached set and starts a back-off: 1 s, doubling per consecutive failure, capped at the cooldown
 *   (between 1 s and 60 s). No fetch is attempted before it ends. Meanwhile known keys are served for up to
 *   `staleIfError` seconds past `cacheMaxAge` (counted in `staleServed` and reported per lookup); lookups that
 *   need a fetch fail fast with a `JwksUnavailableError` whose `retryAfter` is the time left. After a failed
 *   fetch, an unknown `kid` also gets `JwksUnavailableError` (the set may be outdated), not `undefined`.
 * - A successful fetch retires every `kid` it no longer lists at once, and keeps the same {@link JwksKey} object
 *   for every key whose `n`, `e` and `alg` are unchanged.
 * - No timer outlives a fetch; a refresh is a promise, never an interval, started by a lookup: nothing runs
 *   outside a request, as Cloudflare Workers require.
 * - `initial` seeds the set (e.g. from a `snapshot()` kept in Workers KV), so a cold start needs no fetch while
 *   the seed is fresh; `snapshot()` returns the set and its fetch time to store.
 * - Every failure is a `JwksFetchError` naming the URL and the reason (`HTTP 404`, `network error ECONNREFUSED`,
 *   a timeout, a document that is not a key set…): the `cause` of the `JwksUnavailableError` and the `error` of the
 *   `fetch-failure` event. Without an `onEvent` listener, the first failure of a cache is also reported once through
 *   `process.emitWarning` (code `M2M_GUARD_JWKS_UNAVAILABLE`) where the runtime has it, so an unreachable key
 *   endpoint is not mistaken for an outage; with a listener, its events say it and no warning is emitted.
 *
 * @param options - The JWKS `url` and the cache settings.
 * @returns A {@link JwksSource}.
 * @throws {TypeError} When an option is invalid; the message names it.
 * @example
 * const jwks = createJwksCache({
 *   url: 'https://test.stytch.com/v1/sessions/jwks/project-test-…',
 *   onEvent: (event) => logger.info({ jwks: event.type }),
 * })
 * await jwks.warm()
 * const key = jwks.peekKey(kid) ?? (await jwks.getKey(kid))
 */
export function createJwksCache(options: JwksCacheOptions): JwksSource {
  return new JwksCache(resolveJwksCacheOptions(options))
}

/**
 * {@link createJwksCache} for a verifier factory, so messages name the option as the integrator wrote it
 * (`jwks.cacheMaxAge`) and the factory they called. Not part of the public API.
 *
 * @param options - The settings merged with the verifier's URL, fetch, clock and algorithms.
 * @param what - The factory, for messages about unknown names.
 * @param prefix - Path of the settings in the factory's options, with a trailing dot.
 * @param urlOption - The option the URL was given as, named if it is refused (`jwksUri`, `baseUrl`).
 * @returns A {@link JwksSource}.
 * @throws {TypeError} naming the invalid option by its path.
 * @example
 * const jwks = createNestedJwksCache({ ...settings, url: options.jwksUri }, 'createVerifier', 'jwks.', 'jwksUri')
 */
export function createNestedJwksCache(
  options: JwksCacheOptions,
  what: string,
  prefix: string,
  urlOption: string,
): JwksSource {
  return new JwksCache(resolveJwksCacheOptions(options, what, prefix, urlOption))
}

type FetchOutcome = { readonly ok: true } | { readonly ok: false; readonly error: unknown }

interface CachedSet {
  readonly keys: ReadonlyMap<string, JwksKey>
  /** Clock time the set was received. */
  readonly fetchedAt: number
}

/** How a cached set may be used at a given age. */
type Usability = 'fresh' | 'refreshing' | 'stale' | undefined

const noop = (): void => {}

class JwksCache implements JwksSource {
  private readonly options: ResolvedJwksCacheOptions
  private readonly url: string
  private cached: CachedSet | undefined
  /** The one fetch allowed to run at a time. Its promise never rejects. */
  private inFlight: Promise<FetchOutcome> | undefined
  /** Sequence number of the last fetch started, and of the last one whose keys were applied. */
  private started = 0
  private applied = 0
  private lastAttemptAt = Number.NEGATIVE_INFINITY
  private consecutiveFailures = 0
  /** No fetch before this clock time (back-off after a failure). */
  private retryAt = 0
  private lastError: unknown
  /** Whether the one-time process warning was emitted (or is not wanted: `onEvent` is set). */
  private warned: boolean
  private readonly counters: JwksStats = { fetches: 0, failures: 0, staleServed: 0, cooldownHits: 0 }

  constructor(options: ResolvedJwksCacheOptions) {
    this.options = options
    this.url = options.url.href
    this.warned = options.onEvent !== undefined
    // A seed is a set like a fetched one: served while fresh, refreshed on use once `cacheMaxAge` old.
    const seed = options.initial
    if (seed !== undefined) this.cached = { keys: mergeKeys(undefined, seed.keys).keys, fetchedAt: seed.fetchedAt }
  }

  peekKey(kid: string): JwksKey | undefined {
    const set = this.cached
    if (set === undefined) return undefined
    const now = this.options.clock()
    if (now - set.fetchedAt >= this.options.maxAgeMs && this.inFlight === undefined && now >= this.retryAt) {
      void this.startFetch()
    }
    return this.serve(set, kid, now)
  }

  async getKey(kid: string): Promise<JwksKey | undefined> {
    const key = this.peekKey(kid)
    if (key !== undefined) return key
    const pending = this.inFlight ?? this.fetchIfAllowed(kid)
    if (pending === undefined) return undefined
    return this.afterFetch(kid, await pending)
  }

  async warm(): Promise<void> {
    const now = this.options.clock()
    if (this.inFlight === undefined) {
      if (this.cached !== undefined && now - this.cached.fetchedAt < this.options.maxAgeMs) return
      if (now < this.retryAt) throw this.unavailable(this.retryAt - now)
    }
    const outcome = await (this.inFlight ?? this.startFetch())
    if (!outcome.ok) throw this.unavailable(this.retryAt - this.options.clock(), outcome.error)
  }

  stats(): JwksStats {
    return { ...this.counters }
  }

  snapshot(): JwksSnapshot | undefined {
    const set = this.cached
    if (set === undefined) return undefined
    const keys = Object.freeze([...set.keys.values()].map(({ jwk }) => jwk))
    return Object.freeze({ keys, fetchedAt: set.fetchedAt })
  }

  /** The key when `kid` is in a usable set; counts and reports stale serving. */
  private serve(set: CachedSet, kid: string, now: number): JwksKey | undefined {
    const key = set.keys.get(kid)
    if (key === undefined) return undefined
    const age = now - set.fetchedAt
    const usability = this.usability(age)
    if (usability === 'stale') {
      this.counters.staleServed++
      this.emit({ type: 'stale-served', url: this.url, ageSeconds: Math.floor(age / 1000) })
    }
    return usability === undefined ? undefined : key
  }

  private usability(age: number): Usability {
    const { maxAgeMs, staleIfErrorMs, timeoutMs } = this.options
    if (age < maxAgeMs) return 'fresh'
    const staleMs = staleIfErrorMs === false ? 0 : staleIfErrorMs
    if (this.consecutiveFailures > 0) return age < maxAgeMs + staleMs ? 'stale' : undefined
    // No refresh has failed since the set arrived: one is starting or running. Bridging it (for at least the
    // fetch timeout) is what keeps requests from waiting on it.
    return age < maxAgeMs + Math.max(staleMs, timeoutMs) ? 'refreshing' : undefined
  }

  /** For a lookup the cached set cannot answer: starts the fetch, or says why none may start now. */
  private fetchIfAllowed(kid: string): Promise<FetchOutcome> | undefined {
    const now = this.options.clock()
    const set = this.cached
    if (set !== undefined && this.usability(now - set.fetchedAt) !== undefined) {
      // The set is usable but lacks this kid: one refetch per cooldown, whoever asks.
      const cooldownEnd = this.lastAttemptAt + this.options.cooldownMs
      const blockedUntil = Math.max(cooldownEnd, this.retryAt)
      if (now < blockedUntil) {
        if (now < cooldownEnd) {
          this.counters.cooldownHits++
          this.emit({ type: 'cooldown-hit', url: this.url, kid: kid.slice(0, MAX_KID_LENGTH) })
        }
        // After a failed fetch the set may be outdated: "unknown key" cannot be asserted, so report the outage.
        if (this.consecutiveFailures > 0) throw this.unavailable(blockedUntil - now)
        return undefined
      }
    } else if (now < this.retryAt) {
      throw this.unavailable(this.retryAt - now)
    }
    return this.startFetch()
  }

  private afterFetch(kid: string, outcome: FetchOutcome): JwksKey | undefined {
    const now = this.options.clock()
    const set = this.cached
    if (set !== undefined) {
      const key = this.serve(set, kid, now)
      if (key !== undefined) return key
      if (outcome.ok && this.usability(now - set.fetchedAt) !== undefined) return undefined
    }
    throw this.unavailable(this.retryAt - now, outcome.ok ? this.lastError : outcome.error)
  }

  private startFetch(): Promise<FetchOutcome> {
    const sequence = ++this.started
    this.lastAttemptAt = this.options.clock()
    this.counters.fetches++
    const pending = this.load().then(
      (jwks) => this.succeed(sequence, jwks),
      (error: unknown) => this.fail(sequence, error),
    )
    this.inFlight = pending
    this.emit({ type: 'fetch', url: this.url })
    return pending
  }

  private async load(): Promise<readonly RsaPublicJwk[]> {
    const { url, fetch, timeoutMs, maxResponseBytes, algorithms, minKeyBits } = this.options
    try {
      const document = await fetchJson(url, { fetch, timeoutMs, maxBytes: maxResponseBytes })
      return parseJwks(document, { algorithms, minKeyBits })
    } catch (error) {
      throw new JwksFetchError(url, error, timeoutMs)
    }
  }

  private succeed(sequence: number, jwks: readonly RsaPublicJwk[]): FetchOutcome {
    if (sequence === this.started) this.inFlight = undefined
    // An older answer landing after a newer one never replaces it.
    if (sequence < this.applied) return { ok: true }
    this.applied = sequence
    const { keys, removed } = mergeKeys(this.cached?.keys, jwks)
    this.cached = { keys, fetchedAt: this.options.clock() }
    this.consecutiveFailures = 0
    this.retryAt = 0
    this.lastError = undefined
    for (const kid of removed) this.emit({ type: 'key-removed', url: this.url, kid })
    this.emit({ type: 'fetch-success', url: this.url, keys: keys.size, kids: [...keys.keys()] })
    return { ok: true }
  }

  private fail(sequence: number, error: unknown): FetchOutcome {
    if (sequence === this.started) this.inFlight = undefined
    this.counters.failures++
    if (sequence > this.applied) {
      this.consecutiveFailures++
      const delay = Math.min(this.options.backoffCapMs, FIRST_BACKOFF_MS * 2 ** (this.consecutiveFailures - 1))
      this.retryAt = this.options.clock() + delay
      this.lastError = error
      this.emit({ type: 'fetch-failure', url: this.url, error, retryInSeconds: delay / 1000 })
      if (!this.warned && error instanceof JwksFetchError) {
        this.warned = true
        warnJwksUnavailable(error)
      }
    }
    return { ok: false, error }
  }

  private unavailable(retryInMs: number, cause: unknown = this.lastError): JwksUnavailableError {
    return new JwksUnavailableError(Math.max(0, retryInMs) / 1000, { cause })
  }

  /** Reports an event; a listener that throws or rejects never breaks a lookup. */
  private emit(event: JwksEvent): void {
    const listener = this.options.onEvent
    if (listener === undefined) return
    try {
      const result: unknown = listener(event)
      if (result instanceof Promise) result.catch(noop)
    } catch {
      // Deliberately ignored: logging must not decide whether a key is served.
    }
  }
}
