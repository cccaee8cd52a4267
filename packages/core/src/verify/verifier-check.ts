import type { M2MAuth } from './m2m-auth.js'
import type { AuthenticateOptions } from './verify-options.js'

/**
 * The key of a verifier's value-or-promise entry, from the global symbol registry so that an adapter built on one
 * copy of `@m2m-guard/core` finds it on a verifier from another copy. Not part of the application API.
 */
export const VERIFIER_CHECK: unique symbol = Symbol.for('m2m-guard.verifier.check') as never

/**
 * `authenticate` without the promise on a cache hit: the caller (or `null` for an allowed missing token) in the
 * same tick, a promise when the token must be verified. Throws what `authenticate` would reject with synchronously.
 */
export type VerifierCheck = (
  authorization: string | readonly string[] | null | undefined,
  options: AuthenticateOptions,
) => M2MAuth | null | Promise<M2MAuth | null>
