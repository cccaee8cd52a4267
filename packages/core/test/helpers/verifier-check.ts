import type { M2MAuth, Verifier } from '../../src/index.js'
import { VERIFIER_CHECK, type VerifierCheck } from '../../src/verify/verifier-check.js'
import type { AuthenticateOptions } from '../../src/verify/verify-options.js'

/**
 * Calls a verifier's value-or-promise entry (the adapter kit's one call per request). `undefined` stands for a
 * promise (the token must be verified); its outcome is ignored.
 */
export function checkSync(
  verifier: Verifier,
  authorization: string | readonly string[] | undefined,
  options?: AuthenticateOptions,
): M2MAuth | null | undefined {
  const check = (verifier as unknown as { [VERIFIER_CHECK]: VerifierCheck })[VERIFIER_CHECK]
  const value = check.call(verifier, authorization, options as AuthenticateOptions)
  if (value instanceof Promise) {
    value.catch(() => undefined)
    return undefined
  }
  return value
}
