/** Throws a `TypeError` naming the option; integrator misuse is reported once, at creation. */
export function invalidOption(name: string, expected: string): never {
  throw new TypeError(`m2m-guard: option "${name}" must be ${expected}`)
}

/** Control characters and whitespace, which never belong in ids, secrets or scopes. */
const CONTROL_OR_SPACE = /[\s\p{Cc}]/u

/** Asserts a non-empty string without whitespace or control characters. The value never enters the message. */
export function word(name: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || CONTROL_OR_SPACE.test(value)) {
    invalidOption(name, 'a non-empty string without whitespace or control characters')
  }
  return value
}

/** Asserts an optional finite number of seconds within `[min, max]` and returns it or the default. */
export function seconds(name: string, value: unknown, fallback: number, min = 0, max = 86_400): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    invalidOption(name, `a number of seconds from ${min} to ${max}`)
  }
  return value
}

/** Asserts an optional function. */
export function optionalFunction<T>(name: string, value: T | undefined): T | undefined {
  if (value !== undefined && typeof value !== 'function') invalidOption(name, 'a function')
  return value
}

/**
 * Refuses option names the factory does not know, so a typo never silently falls back to a default.
 *
 * @param options - The options object.
 * @param known - Accepted names.
 * @param what - Where the options belong, for the message.
 */
export function assertKnownOptions(options: object, known: readonly string[], what: string): void {
  for (const name of Object.keys(options)) {
    if (!known.includes(name)) throw new TypeError(`m2m-guard: ${what} does not know the option "${name}"`)
  }
}
