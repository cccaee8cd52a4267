/**
 * Splits an OAuth 2.0 `scope` claim into scopes.
 *
 * A missing or empty claim means no scopes (Stytch's SDK crashes here; see docs/stytch-facts.md, Verification
 * rules). Runs of spaces produce no empty scopes.
 *
 * @param scope - The `scope` claim value; must be a string or `undefined`.
 * @returns The scopes, in token order, duplicates kept.
 * @example
 * parseScopes('read:users  write:users') // ['read:users', 'write:users']
 */
export function parseScopes(scope: string | undefined): string[] {
  if (scope === undefined || scope === '') return []
  const parts = scope.split(' ')
  // The common case has single spaces only: no second pass.
  return parts.includes('') ? parts.filter((part) => part !== '') : parts
}
