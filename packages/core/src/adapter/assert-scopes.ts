/** RFC 6749 §3.3 scope-token. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/**
 * Asserts a list of RFC 6749 scope-tokens (no spaces, quotes or backslashes); `minLength` 1 refuses `[]`.
 * `name` is an option (`requiredScopes`) or, for a function's rest arguments, the call (`requireScopes()`), so a
 * message never speaks of an array the user did not write.
 */
export function assertScopes(name: string, value: unknown, minLength = 0): asserts value is readonly string[] {
  const ok = Array.isArray(value) && value.length >= minLength && value.every((s) => SCOPE_TOKEN.test(s))
  if (ok) return
  if (name.endsWith('()')) {
    throw new TypeError(`m2m-guard: ${name} needs at least one scope such as "read:users", each without spaces`)
  }
  const expected = `an array of ${minLength > 0 ? 'at least one ' : ''}scope such as "read:users"`
  throw new TypeError(`m2m-guard: option "${name}" must be ${expected}`)
}
