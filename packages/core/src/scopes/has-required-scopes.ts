const COLON = 0x3a
const STAR = 0x2a

/**
 * Whether one granted scope satisfies one required scope under Stytch's rule: same action, and the same resource
 * or a granted resource of `*`. Case-sensitive; `*` alone is not a super-scope; a wildcard in the action part is
 * a literal.
 *
 * @param granted - A scope from the token.
 * @param required - A scope the route requires.
 * @returns `true` when `granted` covers `required`.
 * @example
 * scopeSatisfies('read:*', 'read:users') // true
 * scopeSatisfies('read:users', 'read:*') // false
 */
export function scopeSatisfies(granted: string, required: string): boolean {
  if (granted === required) return true
  // Otherwise only `<action>:*` covers a scope: granted's first colon is followed by `*` and nothing else, and
  // required has the same action (the same text up to the same first colon) and a resource. Read in place, as this
  // runs for every granted scope on every request.
  const colon = granted.indexOf(':')
  if (colon === -1 || granted.length !== colon + 2 || granted.charCodeAt(colon + 1) !== STAR) return false
  return required.charCodeAt(colon) === COLON && required.startsWith(granted.slice(0, colon))
}

/**
 * Stytch's authorization rule: every required scope is satisfied by some granted scope (all-of).
 * See docs/stytch-facts.md, "Scope matching", whose truth table is this function's test.
 *
 * @param granted - Scopes from the token.
 * @param required - Scopes the route requires; an empty list is always satisfied.
 * @returns `true` when every required scope is covered.
 * @example
 * hasRequiredScopes(['read:*', 'write:users'], ['read:books', 'write:users']) // true
 * hasRequiredScopes(['*'], ['read:users']) // false
 */
export function hasRequiredScopes(granted: readonly string[], required: readonly string[]): boolean {
  // Loops, not `every`/`some` with closures: this runs on every request, cache hits included. A hole is skipped,
  // as `every` and `some` skip it.
  for (let i = 0; i < required.length; i++) {
    const need = required[i]
    if (need !== undefined && !isGranted(granted, need)) return false
  }
  return true
}

/** Whether some granted scope satisfies `need` (holes skipped). */
function isGranted(granted: readonly string[], need: string): boolean {
  for (let i = 0; i < granted.length; i++) {
    const have = granted[i]
    if (have !== undefined && scopeSatisfies(have, need)) return true
  }
  return false
}

/**
 * The any-of form: at least one of `candidates` is satisfied. An empty list is always satisfied.
 *
 * @param granted - Scopes from the token.
 * @param candidates - Scopes of which one suffices.
 * @returns `true` when some candidate is covered.
 * @example
 * hasAnyScope(['read:users'], ['admin:*', 'read:users']) // true
 */
export function hasAnyScope(granted: readonly string[], candidates: readonly string[]): boolean {
  if (candidates.length === 0) return true
  for (let i = 0; i < candidates.length; i++) {
    const need = candidates[i]
    if (need !== undefined && isGranted(granted, need)) return true
  }
  return false
}
