import type { RevocationListOptions } from '@m2m-guard/core'
import type { Redis } from 'ioredis'

/** Options of `redisRevocations`. Exactly one of `url` and `client`. */
export interface RedisRevocationsOptions extends Omit<RevocationListOptions, 'rules' | 'name'> {
  /** `redis://` or `rediss://` URL; the source opens (and closes) its own connections. */
  url?: string | undefined
  /** Your ioredis client (not closed by `close()`); the source adds one duplicate connection for pub/sub. */
  client?: Redis | undefined
  /** The hash of the rules. Default `m2m-guard:revocations`. */
  key?: string | undefined
  /** The pub/sub channel of live updates. Default `m2m-guard:revocations`. */
  channel?: string | undefined
  /**
   * Seconds out of sync with Redis (unreachable, or never reached since start) after which every token is refused
   * with 503 `ERR_REVOCATIONS_UNAVAILABLE`; `false` keeps serving from the last snapshot however long it takes.
   * From 1 to 86400. Default `false`.
   */
  failClosedAfter?: number | false | undefined
  /** Seconds between full resyncs while connected, a safety net under pub/sub. From 1 to 86400. Default 60. */
  resyncInterval?: number | undefined
  /** Seconds `ready()` waits for the first snapshot before resolving anyway (with an `error` event). Default 10. */
  readyTimeout?: number | undefined
}

/** Names of {@link RedisRevocationsOptions}, held to the type by the compiler. */
const NAMES: { readonly [K in keyof Required<RedisRevocationsOptions>]: true } = {
  url: true,
  client: true,
  key: true,
  channel: true,
  failClosedAfter: true,
  resyncInterval: true,
  readyTimeout: true,
  maxTokenLifetime: true,
  onEvent: true,
  clock: true,
}

/** The checked options this package reads itself (the rest are checked by core's revocation list). */
export interface CheckedRedisOptions {
  readonly failClosedAfter: number | false
  readonly resyncInterval: number
  readonly readyTimeout: number
}

function invalid(name: string, expected: string): never {
  throw new TypeError(`m2m-guard: option "${name}" must be ${expected}`)
}

function seconds(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > 86_400) {
    invalid(name, 'a finite number of seconds from 1 to 86400')
  }
  return value
}

function isClient(value: unknown): value is Redis {
  const client = value as Partial<Redis> | null
  return (
    typeof client === 'object' &&
    client !== null &&
    typeof client.duplicate === 'function' &&
    typeof client.hgetall === 'function'
  )
}

/**
 * Checks the options of `redisRevocations` once, at construction.
 *
 * @param options - The options.
 * @returns The values read by the source itself.
 * @throws {TypeError} `m2m-guard: option "<name>" must be …`, or for an unknown name.
 * @example
 * const { failClosedAfter } = checkRedisOptions(options)
 */
export function checkRedisOptions(options: RedisRevocationsOptions): CheckedRedisOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TypeError('m2m-guard: the options of redisRevocations() must be an object')
  }
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(NAMES, name))
      throw new TypeError(`m2m-guard: redisRevocations does not know the option "${name}"`)
  }
  const { url, client, key, channel, failClosedAfter } = options
  if ((url === undefined) === (client === undefined)) invalid('url', 'given, or else "client" (exactly one of them)')
  if (url !== undefined && (typeof url !== 'string' || !/^rediss?:\/\//.test(url)))
    invalid('url', 'a redis:// or rediss:// URL')
  if (client !== undefined && !isClient(client)) invalid('client', 'an ioredis client')
  if (key !== undefined && (typeof key !== 'string' || key === '')) invalid('key', 'a non-empty string')
  if (channel !== undefined && (typeof channel !== 'string' || channel === '')) invalid('channel', 'a non-empty string')
  return {
    failClosedAfter: failClosedAfter === false ? false : seconds(failClosedAfter, 'failClosedAfter', 0) || false,
    resyncInterval: seconds(options.resyncInterval, 'resyncInterval', 60),
    readyTimeout: seconds(options.readyTimeout, 'readyTimeout', 10),
  }
}
