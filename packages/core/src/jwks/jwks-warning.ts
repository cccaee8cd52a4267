import type { JwksFetchError } from './jwks-fetch-error.js'

/** The `code` of the process warning, for `process.on('warning')` filters and `--disable-warning`. */
export const JWKS_WARNING_CODE = 'M2M_GUARD_JWKS_UNAVAILABLE'

type EmitWarning = (message: string, options: { code: string; detail?: string }) => void

/**
 * Emits the one-time process warning of a JWKS cache whose fetch failed while nobody listens to its events.
 *
 * Without it, a key endpoint that cannot be reached (a fake Stytch that was never started, a wrong base URL or
 * project id) shows up only as 503 answers that look like a Stytch outage. It names the URL and the reason, never
 * token data. Runtimes without `process.emitWarning` (browsers, some edge runtimes) get nothing.
 *
 * @param failure - The failure to report.
 * @returns Nothing.
 * @example
 * warnJwksUnavailable(new JwksFetchError(url, error, 5000))
 */
export function warnJwksUnavailable(failure: JwksFetchError): void {
  const emitWarning = (globalThis as { process?: { emitWarning?: unknown } }).process?.emitWarning
  if (typeof emitWarning !== 'function') return
  try {
    ;(emitWarning as EmitWarning).call(
      (globalThis as { process?: unknown }).process,
      `m2m-guard: ${failure.message}. Tokens are refused with 503 until the keys can be fetched.`,
      {
        code: JWKS_WARNING_CODE,
        detail:
          'Shown once per JWKS cache, and only when jwks.onEvent is not set (its fetch-failure events report every failure).',
      },
    )
  } catch {
    // A warning must never decide whether a key is served.
  }
}
