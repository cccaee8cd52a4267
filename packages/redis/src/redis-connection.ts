import { Redis, type RedisOptions } from 'ioredis'

/**
 * Connection settings for the connections this package opens itself: commands fail at once while Redis is down
 * (no offline queue: a resync must fail and be retried, not wait), and reconnects back off to one second, so an
 * instance is back in sync within about a second of Redis returning.
 */
export const CONNECTION_DEFAULTS: RedisOptions = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: 5000,
  retryStrategy: (times: number) => Math.min(50 * 2 ** times, 1000),
}

/**
 * Opens a client for a `redis://` or `rediss://` URL.
 *
 * @param url - The URL.
 * @param overrides - Options that replace the defaults.
 * @returns A client, connecting.
 * @example
 * const client = connectRedis('redis://127.0.0.1:6379')
 */
export function connectRedis(url: string, overrides: RedisOptions = {}): Redis {
  return new Redis(url, { ...CONNECTION_DEFAULTS, ...overrides })
}
