/** Throws a `TypeError` naming the option; integrator misuse is reported once, at creation. */
export function invalidOption(name: string, expected: string): never {
  throw new TypeError(`m2m-guard: option "${name}" must be ${expected}`)
}

/**
 * Refuses option names the factory does not know, so a typo (`audiance`) never silently disables a check.
 *
 * @param options - The options object.
 * @param known - Accepted names.
 * @param what - Name of the factory, for the message.
 */
export function assertKnownOptions(options: object, known: ReadonlySet<string>, what: string): void {
  for (const name of Object.keys(options)) {
    if (!known.has(name)) throw new TypeError(`m2m-guard: ${what} does not know the option "${name}"`)
  }
}

/** Asserts an optional number of seconds (finite, >= min) and returns it or the default. */
export function seconds(name: string, value: unknown, fallback: number | undefined, min = 0): number | undefined {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min) {
    invalidOption(name, `a finite number of seconds >= ${min}`)
  }
  return value
}

/** Asserts an optional positive integer and returns it or the default. */
export function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) invalidOption(name, 'a positive integer')
  return value
}

/** Asserts a non-empty list of non-empty strings. */
export function stringList(name: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
    invalidOption(name, 'a non-empty array of non-empty strings')
  }
  return [...value]
}
