import type { Redis } from 'ioredis'
import type { RedisRevocationsOptions } from './redis-revocations.js'

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
