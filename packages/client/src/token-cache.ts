import type { M2MClientError } from './errors/m2m-client-error.js'
import type { TokenSourceEvent } from './events.js'
import type { TimedToken } from './request-token.js'
import { abortable } from './sleep.js'

/** A cached token and the instants (milliseconds) that drive its lifecycle. */
interface CachedToken {
  value: string
  /** Not handed out from here on (expiry minus leeway). */
  usableUntil: number
  /** The first call from here on starts a background refresh. */
  refreshAt: number
}

/** One (scopes) slot: its token and the request filling it, shared by every caller. */
interface Entry {
  scopes: readonly string[]
  token: CachedToken | undefined
  inFlight: Promise<CachedToken> | undefined
}

/** What the cache needs. Durations in seconds. */
export interface TokenCacheContext {
  clock: () => number
  refreshMargin: number | undefined
  expiryLeeway: number
  emit: (event: TokenSourceEvent) => void
  request: (scopes: readonly string[], background: boolean) => Promise<TimedToken>
}

/** Tokens per scope set, with shared in-flight requests and refresh ahead of expiry. */
export interface TokenCache {
  /** A usable token for the scopes (normalized), from the cache or a request shared with concurrent callers. */
  get(scopes: readonly string[], signal: AbortSignal | undefined): Promise<string>
  /** Drops cached tokens: all, or only those equal to `value` (so a token fetched meanwhile survives). */
  invalidate(value?: string): void
}

/** Default refresh margin: 5 minutes, or half the lifetime for shorter tokens. */
const DEFAULT_MARGIN = 300
/** After a failed background refresh, the next one starts no sooner than this (ms), within the usable time. */
const BACKGROUND_RETRY_INTERVAL = 30_000

/**
 * Creates the token cache. Keys are the space-joined sorted scopes; one cache belongs to one client.
 *
 * @param ctx - Clock, lifecycle settings, events and the request function.
 * @returns The cache.
 */
export function createTokenCache(ctx: TokenCacheContext): TokenCache {
  const entries = new Map<string, Entry>()

  const toCached = (issued: TimedToken): CachedToken => {
    const lifetime = issued.expiresIn * 1000
    const expiresAt = issued.sentAt + lifetime
    const margin = Math.min((ctx.refreshMargin ?? DEFAULT_MARGIN) * 1000, lifetime / 2)
    const leeway = Math.min(ctx.expiryLeeway * 1000, lifetime / 4)
    return { value: issued.accessToken, usableUntil: expiresAt - leeway, refreshAt: expiresAt - margin }
  }

  const refresh = (entry: Entry, background: boolean): Promise<CachedToken> => {
    const previous = entry.token
    const run = async (): Promise<CachedToken> => {
      try {
        const issued = await ctx.request(entry.scopes, background)
        const token = toCached(issued)
        entry.token = token
        ctx.emit({
          type: 'token-issued',
          expiresIn: issued.expiresIn,
          background,
          scopes: entry.scopes,
          requestId: issued.requestId,
        })
        return token
      } catch (error) {
        ctx.emit({ type: 'token-request-failed', error: error as M2MClientError, background, scopes: entry.scopes })
        if (previous !== undefined && entry.token === previous) {
          // Keep serving the valid token; try again later rather than on every call.
          const now = ctx.clock()
          previous.refreshAt = now + Math.min(BACKGROUND_RETRY_INTERVAL, (previous.usableUntil - now) / 2)
        }
        throw error
      } finally {
        entry.inFlight = undefined
      }
    }
    const promise = run()
    entry.inFlight = promise
    // A background failure has no caller to reject; it is reported through onEvent.
    if (background) promise.catch(() => undefined)
    return promise
  }

  return {
    async get(scopes, signal) {
      const key = scopes.join(' ')
      let entry = entries.get(key)
      if (entry === undefined) {
        entry = { scopes, token: undefined, inFlight: undefined }
        entries.set(key, entry)
      }
      const now = ctx.clock()
      const token = entry.token
      if (token !== undefined && now < token.usableUntil) {
        if (now >= token.refreshAt && entry.inFlight === undefined) refresh(entry, true)
        return token.value
      }
      // Never hand out a token past its usable time: wait for a fresh one.
      entry.token = undefined
      return (await abortable(entry.inFlight ?? refresh(entry, false), signal)).value
    },
    invalidate(value) {
      for (const entry of entries.values()) {
        if (value === undefined || entry.token?.value === value) entry.token = undefined
      }
    },
  }
}
