import {
  checkBoolean,
  checkChoice,
  checkFunction,
  checkNames,
  checkNumber,
  invalidOption,
  isOptionsObject,
  type OptionNames,
} from '@m2m-guard/core/options'
import { resolveTokenUrl } from './base-url.js'
import type { TokenSourceEvent } from './events.js'
import type { RetryOptions, TokenSourceOptions } from './options.js'
import type { GetTokenOptions } from './token-source.js'
import { isSecureUrl } from './url-rules.js'
import { seconds, word } from './validate.js'

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

/** Names of {@link TokenSourceOptions}, held to the type by the compiler. */
const OPTION_NAMES = {
  projectId: true,
  clientId: true,
  clientSecret: true,
  scopes: true,
  baseUrl: true,
  customDomain: true,
  authMethod: true,
  refreshMargin: true,
  expiryLeeway: true,
  timeout: true,
  maxResponseBytes: true,
  retry: true,
  allowedOrigins: true,
  dangerouslyAllowInsecureHttp: true,
  fetch: true,
  clock: true,
  onEvent: true,
} as const satisfies OptionNames<TokenSourceOptions>

/** Names of {@link RetryOptions}. */
const RETRY_NAMES = {
  maxAttempts: true,
  baseDelay: true,
  maxDelay: true,
  random: true,
} as const satisfies OptionNames<RetryOptions>

/** Names of {@link GetTokenOptions}. */
const GET_TOKEN_NAMES = { scopes: true, signal: true } as const satisfies OptionNames<GetTokenOptions>

/** Default and largest `maxResponseBytes`: 64 KiB, and 16 MiB. */
const DEFAULT_MAX_RESPONSE_BYTES = 65_536
const MAX_RESPONSE_BYTES = 16_777_216

/** Validates `maxResponseBytes`. */
function resolveMaxResponseBytes(value: unknown): number {
  const rule = { min: 1, max: MAX_RESPONSE_BYTES, integer: true, unit: 'bytes' }
  return checkNumber(value, 'maxResponseBytes', rule, DEFAULT_MAX_RESPONSE_BYTES)
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

/**
 * Validates the per-call options of `getToken` and `authorizationHeader`.
 *
 * @param options - What the caller passed, or `undefined`.
 * @param what - The method called, for the message about unknown names.
 * @param fallback - The source's own scopes, used when the call names none.
 * @returns The scopes of this call.
 * @throws {TypeError} When an option is unknown or malformed.
 */
export function resolveCallScopes(
  options: GetTokenOptions | undefined,
  what: string,
  fallback: readonly string[],
): readonly string[] {
  if (options === undefined) return fallback
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
  checkNames(options, GET_TOKEN_NAMES, what, '')
  return options.scopes === undefined ? fallback : normalizeScopes('scopes', options.scopes)
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
  if (!isOptionsObject(value)) invalidOption('retry', 'an object of retry settings')
  checkNames(value, RETRY_NAMES, 'createTokenSource', 'retry.')
  const maxAttempts = checkNumber(value.maxAttempts, 'retry.maxAttempts', { min: 1, max: 10, integer: true }, 3)
  const maxDelay = seconds('retry.maxDelay', value.maxDelay, 10, 0, MAX_TIMER)
  return {
    maxAttempts,
    baseDelay: seconds('retry.baseDelay', value.baseDelay, 0.25, 0, maxDelay),
    maxDelay,
    random: checkFunction(value.random, 'retry.random') ?? Math.random,
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
  if (!isOptionsObject(options)) throw new TypeError('m2m-guard: the options of createTokenSource() must be an object')
  checkNames(options, OPTION_NAMES, 'createTokenSource', '')
  const projectId = options.projectId
  if (typeof projectId !== 'string' || !/^[\w-]+$/.test(projectId)) {
    invalidOption('projectId', 'a Stytch project id (letters, digits, "-" and "_")')
  }
  const allowInsecureHttp = checkBoolean(options.dangerouslyAllowInsecureHttp, 'dangerouslyAllowInsecureHttp') ?? false
  const authMethod =
    checkChoice(options.authMethod, 'authMethod', ['client_secret_post', 'client_secret_basic']) ?? 'client_secret_post'
  const customFetch = checkFunction(options.fetch, 'fetch', 'a fetch function')
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
    clock: checkFunction(options.clock, 'clock', 'a function returning milliseconds') ?? Date.now,
    onEvent: checkFunction(options.onEvent, 'onEvent'),
  }
}
