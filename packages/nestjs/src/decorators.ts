import { scopeGate } from '@m2m-guard/core/adapter'
import { SetMetadata } from '@nestjs/common'
import { METADATA } from './tokens.js'

/** A decorator that works on a controller class and on a handler. */
export type ClassOrMethodDecorator = ClassDecorator & MethodDecorator

function scopes(key: string, rule: 'all' | 'any', list: string[], name: string): ClassOrMethodDecorator {
  // Validated when the class is declared (at import), so a typo fails the app's start, not a request.
  scopeGate(rule, list, name)
  return SetMetadata(key, Object.freeze([...list]))
}

/**
 * Requires ALL of `scopes` (Stytch `action:resource` matching, `read:*` covers `read:users`). On a handler it
 * replaces the controller's `@RequireScopes` (Nest's `getAllAndOverride`: the handler wins).
 *
 * @param list - At least one scope.
 * @returns A class or method decorator: 401 without a caller, 403 `insufficient_scope` when scopes lack.
 * @throws {TypeError} when no scope is given or one is not a scope-token.
 * @example
 * \@Get() \@RequireScopes('read:users') list() { … }
 */
export function RequireScopes(...list: string[]): ClassOrMethodDecorator {
  return scopes(METADATA.requiredScopes, 'all', list, 'RequireScopes()')
}

/**
 * Requires ANY ONE of `scopes`. On a handler it replaces the controller's `@RequireAnyScope`.
 *
 * @param list - At least one scope.
 * @returns A class or method decorator: 401 without a caller, 403 `insufficient_scope` when none is granted.
 * @throws {TypeError} when no scope is given or one is not a scope-token.
 * @example
 * \@Get('reports') \@RequireAnyScope('read:reports', 'admin:*') reports() { … }
 */
export function RequireAnyScope(...list: string[]): ClassOrMethodDecorator {
  return scopes(METADATA.anyScopes, 'any', list, 'RequireAnyScope()')
}

/**
 * A token is optional: without one the handler runs with `@M2M()` `null`; a token that is sent must still be valid
 * (a forged or malformed one is refused). `@OptionalAuth(false)` on a handler undoes it on an optional controller.
 *
 * @param optional - Default `true`.
 * @returns A class or method decorator.
 * @example
 * \@Get('whoami') \@OptionalAuth() whoami(\@M2M() caller: M2MAuth | null) { … }
 */
export function OptionalAuth(optional = true): ClassOrMethodDecorator {
  return SetMetadata(METADATA.optional, optional === true)
}

/**
 * No authentication at all (the guard lets the request through without reading its headers): for `/health` and
 * the like under a global `APP_GUARD`. `@Public(false)` on a handler undoes it on a public controller.
 *
 * @param isPublic - Default `true`.
 * @returns A class or method decorator.
 * @example
 * \@Get('health') \@Public() health() { return { status: 'ok' } }
 */
export function Public(isPublic = true): ClassOrMethodDecorator {
  return SetMetadata(METADATA.public, isPublic === true)
}

/**
 * Refuses tokens issued more than `seconds` ago (`iat`), replacing the module's `maxTokenAge` on this route.
 *
 * @param seconds - Seconds, up to 86400 (one day).
 * @returns A class or method decorator: 401 `invalid_token` for an older token.
 * @throws {TypeError} when `seconds` is not a number from 1 to 86400.
 * @example
 * \@Post('payouts') \@MaxTokenAge(60) payout() { … }
 */
export function MaxTokenAge(seconds: number): ClassOrMethodDecorator {
  // Core's rule for `maxTokenAge` (0 to 86400 seconds), checked here so a bad value fails at start-up.
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new TypeError('m2m-guard: option "MaxTokenAge()" must be a number of seconds from 1 to 86400')
  }
  return SetMetadata(METADATA.maxTokenAge, seconds)
}
