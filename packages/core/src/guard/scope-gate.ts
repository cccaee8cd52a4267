import { InsufficientScopeError, MissingTokenError } from '../errors/error-classes.js'
import type { M2MAuthError } from '../errors/m2m-auth-error.js'
import { hasAnyScope, hasRequiredScopes } from '../scopes/has-required-scopes.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { assertScopes } from './assert-scopes.js'

/** Checks an already verified caller, without verifying again; returns the error to answer with, if any. */
export type ScopeGate = (auth: M2MAuth | null | undefined, realm: string | undefined) => M2MAuthError | undefined

/**
 * Builds the check behind `requireScopes` (`'all'`) and `requireAnyScope` (`'any'`).
 *
 * @param rule - All-of or any-of.
 * @param scopes - At least one scope.
 * @param name - The function or option name, for the `TypeError`.
 * @returns A {@link ScopeGate}: `ERR_MISSING_TOKEN` without a caller, `ERR_INSUFFICIENT_SCOPE` when scopes lack.
 * @throws {TypeError} when `scopes` is empty or holds something that is not a scope.
 * @example
 * const gate = scopeGate('all', ['read:users'], 'requireScopes')
 * const error = gate(req.m2m, 'api') // undefined when allowed
 */
export function scopeGate(rule: 'all' | 'any', scopes: readonly string[], name: string): ScopeGate {
  assertScopes(name, scopes, 1)
  const list = Object.freeze([...scopes])
  const satisfied = rule === 'all' ? hasRequiredScopes : hasAnyScope
  return (auth, realm) => {
    if (auth === null || auth === undefined) return new MissingTokenError({ realm })
    return satisfied(auth.scopes, list) ? undefined : new InsufficientScopeError(list, { realm })
  }
}
