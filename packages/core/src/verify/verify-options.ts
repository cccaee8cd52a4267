import type { M2MAuth } from './m2m-auth.js'

/** A replacement for the built-in scope rule: return `true` to allow. */
export type ScopeCheck = (granted: readonly string[], auth: M2MAuth) => boolean

/**
 * Per-call options of `verify()` and `authenticate()`. Checked like factory options (unknown names and invalid values
 * reject with a `TypeError`); pass the same frozen object on every call and it is checked only once.
 */
export interface VerifyOptions {
  /** Every one of these scopes is required (all-of), with Stytch's `action:resource` wildcard rule. */
  requiredScopes?: readonly string[] | undefined
  /** At least one of these scopes is required (any-of). Combined with `requiredScopes` when both are set. */
  anyScopes?: readonly string[] | undefined
  /** Replaces the built-in scope rule for this call; `requiredScopes` is still reported in the 403 challenge. */
  scopeCheck?: ScopeCheck | undefined
  /** Overrides the verifier's `maxTokenAge` (seconds since `iat`, from 0 to 86400) for this call. */
  maxTokenAge?: number | undefined
  /** Overrides the verifier's realm in `WWW-Authenticate` for this call. */
  realm?: string | undefined
}

/** Per-call options of `authenticate()`. */
export interface AuthenticateOptions extends VerifyOptions {
  /**
   * When `false`, a request without a bearer token resolves to `null` instead of failing. A token that is present
   * but invalid is still rejected. Default `true`.
   */
  required?: boolean | undefined
}
