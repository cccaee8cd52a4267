/**
 * Splits a scope at its first colon into action and resource (`a:b:c` → `a`, `b:c`, as stytch-go does).
 * A scope without a colon is an action with no resource.
 */
function splitScope(scope: string): [action: string, resource: string | undefined] {
  const colon = scope.indexOf(':')
  return colon === -1 ? [scope, undefined] : [scope.slice(0, colon), scope.slice(colon + 1)]
}

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
  const [grantedAction, grantedResource] = splitScope(granted)
  const [requiredAction, requiredResource] = splitScope(required)
  return grantedAction === requiredAction && requiredResource !== undefined && grantedResource === '*'
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
