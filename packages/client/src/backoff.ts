import type { ResolvedRetry } from './resolve-options.js'

/**
 * The wait before the next attempt: "full jitter" exponential backoff, `random() * min(maxDelay, baseDelay *
 * 2^(failures-1))`, but never shorter than what the server asked for in `Retry-After`.
 *
 * @param failures - Attempts failed so far (1 after the first failure).
 * @param retry - The retry policy.
 * @param retryAfter - Seconds from `Retry-After`, if the answer carried one.
 * @returns Seconds to wait.
 * @example
 * backoffDelay(3, { baseDelay: 0.25, maxDelay: 10, random: () => 0.5, maxAttempts: 5 }, undefined) // 0.5
 */
export function backoffDelay(failures: number, retry: ResolvedRetry, retryAfter: number | undefined): number {
  const cap = Math.min(retry.maxDelay, retry.baseDelay * 2 ** (failures - 1))
  const drawn = retry.random()
  // A broken random function must not turn into a zero or NaN delay that hammers the endpoint.
  const jitter = Number.isFinite(drawn) ? Math.min(Math.max(drawn, 0), 1) : 1
  return Math.max(jitter * cap, retryAfter ?? 0)
}

/**
 * Reads a `Retry-After` header (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * @param value - The header value, or `null`.
 * @param now - Current time in milliseconds, for HTTP-dates.
 * @returns Seconds to wait (0 for a date in the past), or `undefined` when absent or malformed.
 * @example
 * parseRetryAfter('2', Date.now()) // 2
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed)
  // Only IMF-fixdate style dates: Date.parse accepts far too much (it reads "1.5" as a date in 2001).
  const date = /GMT$/.test(trimmed) ? Date.parse(trimmed) : Number.NaN
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - now) / 1000)
}
