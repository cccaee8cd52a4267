import { assertSecureUrl } from '../http/secure-url.js'
import type { JwksCacheSettings, RsaAlgorithm } from '../verify/verifier-options.js'
import type { JwksEvent } from './jwks-source.js'
import { MAX_KEY_BITS } from './parse-jwks.js'

/**
 * Options of {@link createJwksCache}: the cache settings plus where and how to fetch. `minKeyBits` accepts 2048 to
 * 16384 (it can be raised, never lowered); `staleIfError` accepts `false` or any number of seconds from 0.
 *
 * @example
 * const options: JwksCacheOptions = { url: 'https://login.example.com/.well-known/jwks.json', cacheMaxAge: 300 }
 */
export interface JwksCacheOptions extends JwksCacheSettings {
  /** The JWKS URL. `https:` only, except loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`). Required. */
  url: string | URL
  /** The `fetch` used for the JWKS. Default: the global `fetch`, looked up at each request. */
  fetch?: typeof fetch | undefined
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  clock?: (() => number) | undefined
  /** Accepted `alg` values of published keys (keys without `alg` are kept). Default `['RS256']`. */
  algorithms?: readonly RsaAlgorithm[] | undefined
}

/** Default values of {@link JwksCacheOptions}. Durations in seconds. */
export const JWKS_CACHE_DEFAULTS: {
  readonly cacheMaxAge: 600
  readonly cooldown: 30
  readonly staleIfError: 3600
  readonly timeout: 5
  readonly maxResponseBytes: 262_144
  readonly minKeyBits: 2048
  readonly algorithms: readonly RsaAlgorithm[]
} = Object.freeze({
  cacheMaxAge: 600,
  cooldown: 30,
  staleIfError: 3600,
  timeout: 5,
  maxResponseBytes: 262_144,
  minKeyBits: 2048,
  algorithms: Object.freeze(['RS256'] as const),
})

/** Longest back-off between failed fetches, whatever the cooldown. */
const MAX_BACKOFF_MS = 60_000
/** First back-off after a failed fetch; it doubles with each further failure. */
export const FIRST_BACKOFF_MS = 1_000
/** `setTimeout` fires at once for delays above 2^31 - 1 ms. */
const MAX_TIMEOUT_SECONDS = Math.floor(0x7fffffff / 1000)
/** Every RSA signature algorithm a verifier or cache can be configured with. */
export const RSA_ALGORITHMS: ReadonlySet<string> = new Set<RsaAlgorithm>([
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
])

/** {@link JwksCacheOptions} checked, defaulted and converted to milliseconds. */
export interface ResolvedJwksCacheOptions {
  readonly url: URL
  readonly fetch: typeof fetch
  readonly clock: () => number
  readonly algorithms: readonly RsaAlgorithm[]
  readonly maxAgeMs: number
  readonly cooldownMs: number
  /** `false` when stale serving after failures is off. */
  readonly staleIfErrorMs: number | false
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly minKeyBits: number
  /** Cap of the exponential back-off: the cooldown, between 1 s and 60 s. */
  readonly backoffCapMs: number
  readonly onEvent: ((event: JwksEvent) => void) | undefined
}

/**
 * Validates {@link JwksCacheOptions} once, at creation, and fills in the defaults.
 *
 * @param options - The options given to `createJwksCache`.
 * @returns The resolved options, durations in milliseconds.
 * @throws {TypeError} Naming the first invalid option.
 * @example
 * const resolved = resolveJwksCacheOptions({ url: 'https://test.stytch.com/v1/sessions/jwks/project-test-…' })
 * resolved.cooldownMs // 30000
 */
export function resolveJwksCacheOptions(options: JwksCacheOptions): ResolvedJwksCacheOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object')
  const staleIfError = options.staleIfError ?? JWKS_CACHE_DEFAULTS.staleIfError
  if (staleIfError !== false) seconds(staleIfError, 'staleIfError', { allowZero: true })
  const cooldownMs = seconds(options.cooldown ?? JWKS_CACHE_DEFAULTS.cooldown, 'cooldown')
  return {
    url: assertSecureUrl(options.url, 'url'),
    fetch: optionalFunction(options.fetch, 'fetch') ?? ((input, init) => globalThis.fetch(input, init)),
    clock: optionalFunction(options.clock, 'clock') ?? Date.now,
    algorithms: algorithmList(options.algorithms),
    maxAgeMs: seconds(options.cacheMaxAge ?? JWKS_CACHE_DEFAULTS.cacheMaxAge, 'cacheMaxAge'),
    cooldownMs,
    staleIfErrorMs: staleIfError === false ? false : staleIfError * 1000,
    timeoutMs: seconds(options.timeout ?? JWKS_CACHE_DEFAULTS.timeout, 'timeout', { max: MAX_TIMEOUT_SECONDS }),
    maxResponseBytes: integer(options.maxResponseBytes ?? JWKS_CACHE_DEFAULTS.maxResponseBytes, 'maxResponseBytes', 1),
    minKeyBits: integer(options.minKeyBits ?? JWKS_CACHE_DEFAULTS.minKeyBits, 'minKeyBits', 2048, MAX_KEY_BITS),
    backoffCapMs: Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, cooldownMs)),
    onEvent: optionalFunction(options.onEvent, 'onEvent'),
  }
}

function seconds(value: unknown, name: string, limits: { allowZero?: boolean; max?: number } = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (limits.allowZero === true ? value >= 0 : value > 0) &&
    value <= (limits.max ?? Number.MAX_SAFE_INTEGER)
  if (!ok) {
    const range = limits.allowZero === true ? 'a non-negative' : 'a positive'
    const max = limits.max === undefined ? '' : ` up to ${limits.max}`
    throw new TypeError(`${name} must be ${range} number of seconds${max}${name === 'staleIfError' ? ' or false' : ''}`)
  }
  return value * 1000
}

function integer(value: unknown, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`${name} must be an integer from ${min} to ${max}`)
  }
  return value
}

function optionalFunction<T>(value: T | undefined, name: string): T | undefined {
  if (value !== undefined && typeof value !== 'function') throw new TypeError(`${name} must be a function`)
  return value
}

function algorithmList(value: readonly RsaAlgorithm[] | undefined): readonly RsaAlgorithm[] {
  if (value === undefined) return JWKS_CACHE_DEFAULTS.algorithms
  if (!Array.isArray(value) || value.length === 0 || !value.every((alg) => RSA_ALGORITHMS.has(alg))) {
    throw new TypeError(`algorithms must be a non-empty array of ${[...RSA_ALGORITHMS].join(', ')}`)
  }
  return Object.freeze([...value])
}
