import { assertSecureUrl } from '../http/secure-url.js'
import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkFunction, checkNumber, isOptionsObject, type NumberRule } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import type { JwksCacheSettings, RsaAlgorithm } from '../verify/verifier-options.js'
import { type ResolvedSeed, resolveSeed } from './jwks-seed.js'
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
  /** The checked `initial` key set, if any. */
  readonly initial: ResolvedSeed | undefined
}

/** Names of {@link JwksCacheSettings}: what the `jwks` option of a verifier may hold. */
export const JWKS_SETTINGS_NAMES: OptionNames<JwksCacheSettings> = {
  cacheMaxAge: true,
  cooldown: true,
  staleIfError: true,
  timeout: true,
  maxResponseBytes: true,
  minKeyBits: true,
  onEvent: true,
  initial: true,
}

/** Names of {@link JwksCacheOptions}. */
export const JWKS_CACHE_OPTION_NAMES: OptionNames<JwksCacheOptions> = {
  url: true,
  ...JWKS_SETTINGS_NAMES,
  fetch: true,
  clock: true,
  algorithms: true,
}

const POSITIVE_SECONDS: NumberRule = { min: 0, minExclusive: true, unit: 'seconds' }

/**
 * Validates {@link JwksCacheOptions} once, at creation, and fills in the defaults.
 *
 * @param options - The options given to `createJwksCache`.
 * @param what - The function that received them, for messages about unknown names.
 * @param prefix - Path of the settings in the caller's options with a trailing dot (`jwks.`), `''` at the top.
 * @param urlOption - The option the integrator wrote the URL as (`jwksUri`, or `baseUrl` from which a Stytch verifier
 *   derives it); default `<prefix>url`. The URL is checked here, once, whatever factory it came through.
 * @returns The resolved options, durations in milliseconds.
 * @throws {TypeError} Naming the first unknown or invalid option: `m2m-guard: option "<prefix><name>" must be …`.
 * @example
 * const resolved = resolveJwksCacheOptions({ url: 'https://test.stytch.com/v1/sessions/jwks/project-test-…' })
 * resolved.cooldownMs // 30000
 */
export function resolveJwksCacheOptions(
  options: JwksCacheOptions,
  what = 'createJwksCache',
  prefix = '',
  urlOption = `${prefix}url`,
): ResolvedJwksCacheOptions {
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
  checkNames(options, JWKS_CACHE_OPTION_NAMES, what, prefix)
  const staleIfError = options.staleIfError ?? JWKS_CACHE_DEFAULTS.staleIfError
  if (
    staleIfError !== false &&
    !(typeof staleIfError === 'number' && Number.isFinite(staleIfError) && staleIfError >= 0)
  ) {
    invalidOption(`${prefix}staleIfError`, 'false or a finite number of seconds >= 0')
  }
  const cooldownMs =
    1000 * checkNumber(options.cooldown, `${prefix}cooldown`, POSITIVE_SECONDS, JWKS_CACHE_DEFAULTS.cooldown)
  const clock = checkFunction(options.clock, 'clock', 'a function returning milliseconds') ?? Date.now
  const algorithms = algorithmList(options.algorithms)
  const minKeyBits = checkNumber(
    options.minKeyBits,
    `${prefix}minKeyBits`,
    { min: 2048, max: MAX_KEY_BITS, integer: true },
    JWKS_CACHE_DEFAULTS.minKeyBits,
  )
  return {
    url: assertSecureUrl(options.url, urlOption),
    fetch: checkFunction(options.fetch, 'fetch') ?? ((input, init) => globalThis.fetch(input, init)),
    clock,
    algorithms,
    maxAgeMs:
      1000 *
      checkNumber(options.cacheMaxAge, `${prefix}cacheMaxAge`, POSITIVE_SECONDS, JWKS_CACHE_DEFAULTS.cacheMaxAge),
    cooldownMs,
    staleIfErrorMs: staleIfError === false ? false : staleIfError * 1000,
    timeoutMs:
      1000 *
      checkNumber(
        options.timeout,
        `${prefix}timeout`,
        { ...POSITIVE_SECONDS, max: MAX_TIMEOUT_SECONDS },
        JWKS_CACHE_DEFAULTS.timeout,
      ),
    maxResponseBytes: checkNumber(
      options.maxResponseBytes,
      `${prefix}maxResponseBytes`,
      { min: 1, integer: true },
      JWKS_CACHE_DEFAULTS.maxResponseBytes,
    ),
    minKeyBits,
    backoffCapMs: Math.min(MAX_BACKOFF_MS, Math.max(FIRST_BACKOFF_MS, cooldownMs)),
    onEvent: checkFunction(options.onEvent, `${prefix}onEvent`),
    initial: resolveSeed(options.initial, prefix, { algorithms, minKeyBits }, clock()),
  }
}

function algorithmList(value: readonly RsaAlgorithm[] | undefined): readonly RsaAlgorithm[] {
  if (value === undefined) return JWKS_CACHE_DEFAULTS.algorithms
  if (!Array.isArray(value) || value.length === 0 || !value.every((alg) => RSA_ALGORITHMS.has(alg))) {
    invalidOption('algorithms', `a non-empty array of ${[...RSA_ALGORITHMS].join(', ')}`)
  }
  return Object.freeze([...value])
}
