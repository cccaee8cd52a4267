import { parseScopes } from '../scopes/parse-scopes.js'

/**
 * Frozen lists shared between verified tokens. Every token of one client carries the same `scope` claim, and every
 * Stytch token the same `aud: [projectId]`; a frozen list can be shared by any number of results, and freezing an
 * array is the expensive part on JavaScriptCore (Bun: about 0.35 µs per array, against 0.02 µs on V8).
 *
 * Each map is bounded (cleared when full), so tokens with ever-new claims cannot grow it; only tokens whose signature
 * was verified reach it.
 */
const MAX_ENTRIES = 1024
const NO_SCOPES: readonly string[] = Object.freeze([])
const scopeLists = new Map<string, readonly string[]>()
const singletons = new Map<string, readonly [string]>()

function remember<T>(map: Map<string, T>, key: string, value: T): T {
  if (map.size >= MAX_ENTRIES) map.clear()
  map.set(key, value)
  return value
}

/**
 * The scopes of a `scope` claim ({@link parseScopes}), as a frozen array shared by every token with the same claim.
 *
 * @param scope - The `scope` claim, checked to be a string or `undefined`.
 * @returns The frozen scopes.
 * @example
 * frozenScopes('read:users write:users') === frozenScopes('read:users write:users') // true
 */
export function frozenScopes(scope: string | undefined): readonly string[] {
  if (scope === undefined || scope === '') return NO_SCOPES
  return scopeLists.get(scope) ?? remember(scopeLists, scope, Object.freeze(parseScopes(scope)))
}

/**
 * A frozen one-string array (`aud: [projectId]`), shared by every payload holding the same string.
 *
 * @param value - The array's only member.
 * @returns The frozen array.
 * @example
 * frozenSingleton('project-live-1') === frozenSingleton('project-live-1') // true
 */
export function frozenSingleton(value: string): readonly [string] {
  return singletons.get(value) ?? remember(singletons, value, Object.freeze([value] as [string]))
}
