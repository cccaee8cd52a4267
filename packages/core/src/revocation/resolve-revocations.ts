import { InvalidTokenError } from '../errors/error-classes.js'
import { invalidOption } from '../options/option-error.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import type { RevocationSource } from './revocation-source.js'

const METHODS = ['check', 'ready', 'close', 'subscribe'] as const

/**
 * Checks the `revocations` option of a verifier factory.
 *
 * @param value - The option value.
 * @returns The source, or `undefined`.
 * @throws {TypeError} `m2m-guard: option "revocations" must be a RevocationSource …` otherwise.
 * @example
 * const revocations = resolveRevocations(options.revocations)
 */
export function resolveRevocations(value: unknown): RevocationSource | undefined {
  if (value === undefined) return undefined
  const source = value as Partial<Record<(typeof METHODS)[number], unknown>> | null
  if (typeof source !== 'object' || source === null || METHODS.some((name) => typeof source[name] !== 'function')) {
    invalidOption('revocations', 'a RevocationSource (createRevocationList(), fileRevocations(), redisRevocations())')
  }
  return value as RevocationSource
}

/**
 * Refuses a revoked token. Runs on every verification, cached hits included.
 *
 * @param source - The verifier's source.
 * @param auth - The verified result.
 * @param token - The token.
 * @param cached - Whether `auth` came from the token cache (see {@link RevocationSource.check}).
 * @throws {InvalidTokenError} `ERR_TOKEN_REVOKED` when a rule covers it.
 * @throws {RevocationsUnavailableError} `ERR_REVOCATIONS_UNAVAILABLE` from a source that fails closed.
 * @example
 * if (revocations !== undefined) assertNotRevoked(revocations, auth, token, false)
 */
export function assertNotRevoked(source: RevocationSource, auth: M2MAuth, token: string, cached: boolean): void {
  if (source.check(auth, token, cached)) throw new InvalidTokenError('ERR_TOKEN_REVOKED')
}
