import { InsufficientScopeError, MissingTokenError } from '../errors/error-classes.js'
import type { M2MAuthError } from '../errors/m2m-auth-error.js'
import { hasAnyScope, hasRequiredScopes } from '../scopes/has-required-scopes.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { assertScopes } from './assert-scopes.js'

/** Checks an already verified caller, without verifying again; returns the error to answer with, if any. */
export type ScopeGate = (auth: M2MAuth | null | undefined) => M2MAuthError | undefined

/** All-of (`requireScopes`) or any-of (`requireAnyScope`). */
export type ScopeRule = 'all' | 'any'

/**
 * Builds the check behind `requireScopes` (`'all'`) and `requireAnyScope` (`'any'`). Errors carry the default
 * realm; a guard presents them with its own (`guard.scopeGate`).
 *
 * @param rule - All-of or any-of.
 * @param scopes - At least one scope.
 * @param name - The function the user called, for the `TypeError`.
 * @returns A {@link ScopeGate}: `ERR_MISSING_TOKEN` without a caller, `ERR_INSUFFICIENT_SCOPE` when scopes lack.
 * @throws {TypeError} when `scopes` is empty or holds something that is not a scope.
 * @example
 * const gate = scopeGate('all', ['read:users'], 'requireScopes')
 * const error = gate(req.m2m) // undefined when allowed
 */
export function scopeGate(rule: ScopeRule, scopes: readonly string[], name: string): ScopeGate {
  assertScopes(name, scopes, 1)
  const list = Object.freeze([...scopes])
  const satisfied = rule === 'all' ? hasRequiredScopes : hasAnyScope
  return (auth) => {
    if (auth === null || auth === undefined) return new MissingTokenError()
    return satisfied(auth.scopes, list) ? undefined : new InsufficientScopeError(list)
  }
}
