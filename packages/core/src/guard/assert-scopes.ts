/** RFC 6749 §3.3 scope-token. */
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/** Throws the adapters' option `TypeError`, naming the option. */
export function invalid(name: string, expected: string): never {
  throw new TypeError(`m2m-guard: option "${name}" must be ${expected}`)
}

/** Asserts a list of RFC 6749 scope-tokens (no spaces, quotes or backslashes); `minLength` 1 refuses `[]`. */
export function assertScopes(name: string, value: unknown, minLength = 0): asserts value is readonly string[] {
  const ok = Array.isArray(value) && value.length >= minLength && value.every((s) => SCOPE_TOKEN.test(s))
  if (!ok) invalid(name, `an array of ${minLength > 0 ? 'at least one ' : ''}scope such as "read:users"`)
}
