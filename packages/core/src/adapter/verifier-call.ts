import type { M2MAuth } from '../verify/m2m-auth.js'
import { VERIFIER_CHECK, type VerifierCheck } from '../verify/verifier-check.js'
import type { Verifier } from '../verify/verifier-options.js'
import type { AuthenticateOptions } from '../verify/verify-options.js'

/** One call to core per request: the caller, `null`, or a promise; throws synchronous failures. */
export type VerifierCall = (
  authorization: string | readonly string[] | undefined,
  options: AuthenticateOptions,
) => M2MAuth | null | Promise<M2MAuth | null>

/**
 * The value-or-promise entry of a verifier: its `Symbol.for('m2m-guard.verifier.check')` method (present on a
 * verifier from any copy of core), or `authenticate()` (always a promise) for a hand-written verifier.
 */
export function verifierCall(verifier: Verifier): VerifierCall {
  const check = (verifier as Verifier & { [VERIFIER_CHECK]?: VerifierCheck })[VERIFIER_CHECK]
  if (typeof check === 'function') return (authorization, options) => check.call(verifier, authorization, options)
  return (authorization, options) => verifier.authenticate(authorization, options)
}
