import { resolveTokenUrl } from './base-url.js'
import type { TokenSourceEvent } from './events.js'
import type { TokenSourceOptions } from './options.js'
import { isSecureUrl } from './url-rules.js'
import { assertKnownOptions, invalidOption, optionalFunction, seconds, word } from './validate.js'

/** The retry policy with every default filled in. */
export interface ResolvedRetry {
  maxAttempts: number
  baseDelay: number
  maxDelay: number
  random: () => number
}

/** Options after validation, with defaults filled in. Durations in seconds. */
export interface ResolvedOptions {
  projectId: string
  clientId: string
  clientSecret: string
  scopes: readonly string[]
  tokenUrl: string
  authMethod: 'client_secret_post' | 'client_secret_basic'
  refreshMargin: number | undefined
  expiryLeeway: number
  timeout: number
  maxResponseBytes: number
  retry: ResolvedRetry
  allowedOrigins: ReadonlySet<string> | undefined
  allowInsecureHttp: boolean
  fetch: () => typeof fetch
  clock: () => number
  onEvent: ((event: TokenSourceEvent) => void) | undefined
}

const KNOWN: readonly (keyof TokenSourceOptions)[] = [
  'projectId',
  'clientId',
  'clientSecret',
  'scopes',
  'baseUrl',
  'customDomain',
  'authMethod',
  'refreshMargin',
  'expiryLeeway',
  'timeout',
  'maxResponseBytes',
  'retry',
  'allowedOrigins',
  'dangerouslyAllowInsecureHttp',
  'fetch',
  'clock',
  'onEvent',
]

const KNOWN_RETRY = ['maxAttempts', 'baseDelay', 'maxDelay', 'random']

/** Default and largest `maxResponseBytes`: 64 KiB, and 16 MiB. */
const DEFAULT_MAX_RESPONSE_BYTES = 65_536
const MAX_RESPONSE_BYTES = 16_777_216

/** Validates `maxResponseBytes`. */
function resolveMaxResponseBytes(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_RESPONSE_BYTES
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_RESPONSE_BYTES) {
    invalidOption('maxResponseBytes', `an integer number of bytes from 1 to ${MAX_RESPONSE_BYTES}`)
  }
  return value
}

/** The longest timer `setTimeout` supports, in seconds. */
const MAX_TIMER = 2_147_483

/**
 * Validates a scope list: unique, sorted, each a non-empty string without whitespace (scopes travel space-joined).
 *
 * @param name - Option name for the `TypeError`.
 * @param value - The list.
 * @returns The normalized list: the cache key order.
 * @throws {TypeError} When the list or a scope is malformed.
 */
export function normalizeScopes(name: string, value: unknown): readonly string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) invalidOption(name, 'an array of scope strings')
  for (const scope of value) word(name, scope)
  return [...new Set<string>(value)].sort()
}

/** Validates `allowedOrigins` into a set of `URL.origin` strings. */
function resolveOrigins(value: unknown, allowInsecureHttp: boolean): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined
  const expected = 'a non-empty array of origins such as "https://api.example.com"'
  if (!Array.isArray(value) || value.length === 0) invalidOption('allowedOrigins', expected)
  const origins = new Set<string>()
  for (const entry of value) {
    let url: URL
    try {
      url = new URL(String(entry))
    } catch {
      return invalidOption('allowedOrigins', expected)
    }
    const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === ''
    if (typeof entry !== 'string' || !bare || !isSecureUrl(url, allowInsecureHttp)) {
      invalidOption('allowedOrigins', `${expected} (https:, or http: for loopback)`)
    }
    origins.add(url.origin)
  }
  return origins
}

/** Validates the retry policy. */
function resolveRetry(value: TokenSourceOptions['retry']): ResolvedRetry {
  if (value === undefined) return { maxAttempts: 3, baseDelay: 0.25, maxDelay: 10, random: Math.random }
  if (typeof value !== 'object' || value === null) invalidOption('retry', 'an object')
  assertKnownOptions(value, KNOWN_RETRY, 'retry')
  const maxAttempts = value.maxAttempts ?? 3
  if (typeof maxAttempts !== 'number' || !Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > 10) {
    invalidOption('retry.maxAttempts', 'an integer from 1 to 10')
  }
  const maxDelay = seconds('retry.maxDelay', value.maxDelay, 10, 0, MAX_TIMER)
  return {
    maxAttempts,
    baseDelay: seconds('retry.baseDelay', value.baseDelay, 0.25, 0, maxDelay),
    maxDelay,
    random: optionalFunction('retry.random', value.random) ?? Math.random,
  }
}

/**
 * Validates every option of `createTokenSource` and fills in the defaults.
 *
 * @param options - What the integrator passed.
 * @returns The resolved options.
 * @throws {TypeError} Naming the first option that is missing, unknown or malformed.
 */
export function resolveOptions(options: TokenSourceOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('m2m-guard: options must be an object')
  assertKnownOptions(options, KNOWN, 'createTokenSource')
  const projectId = options.projectId
  if (typeof projectId !== 'string' || !/^[\w-]+$/.test(projectId)) {
    invalidOption('projectId', 'a Stytch project id (letters, digits, "-" and "_")')
  }
  const allowInsecureHttp = options.dangerouslyAllowInsecureHttp ?? false
  if (typeof allowInsecureHttp !== 'boolean') invalidOption('dangerouslyAllowInsecureHttp', 'a boolean')
  const authMethod = options.authMethod ?? 'client_secret_post'
  if (authMethod !== 'client_secret_post' && authMethod !== 'client_secret_basic') {
    invalidOption('authMethod', '"client_secret_post" or "client_secret_basic"')
  }
  const customFetch = optionalFunction('fetch', options.fetch)
  if (customFetch === undefined && typeof globalThis.fetch !== 'function') {
    invalidOption('fetch', 'given where no global fetch exists')
  }
  return {
    projectId,
    clientId: word('clientId', options.clientId),
    clientSecret: word('clientSecret', options.clientSecret),
    scopes: normalizeScopes('scopes', options.scopes),
    tokenUrl: resolveTokenUrl(projectId, options.baseUrl, options.customDomain, allowInsecureHttp),
    authMethod,
    refreshMargin: options.refreshMargin === undefined ? undefined : seconds('refreshMargin', options.refreshMargin, 0),
    expiryLeeway: seconds('expiryLeeway', options.expiryLeeway, 30),
    timeout: seconds('timeout', options.timeout, 10, 0.001, MAX_TIMER),
    maxResponseBytes: resolveMaxResponseBytes(options.maxResponseBytes),
    retry: resolveRetry(options.retry),
    allowedOrigins: resolveOrigins(options.allowedOrigins, allowInsecureHttp),
    allowInsecureHttp,
    // Looked up per call so a fetch patched after creation (msw, instrumentation) is used.
    fetch: customFetch === undefined ? () => globalThis.fetch : () => customFetch,
    clock: optionalFunction('clock', options.clock) ?? Date.now,
    onEvent: optionalFunction('onEvent', options.onEvent),
  }
}
