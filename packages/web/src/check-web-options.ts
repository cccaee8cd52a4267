/**
 * Refuses what a web handler cannot honour: a handler that is not a function, and `errorHandling: 'delegate'` (a
 * Fetch handler has no framework error handling to delegate to; `authenticateRequest` throws instead).
 */
export function checkErrorHandling(value: unknown): void {
  if (value !== undefined && value !== 'respond') {
    throw new TypeError(
      'm2m-guard: option "errorHandling" must be "respond" (to handle failures yourself, call authenticateRequest)',
    )
  }
}

/** Asserts a handler argument; `name` is the option or argument as the user wrote it. */
export function checkFunction(value: unknown, name: string): void {
  if (typeof value !== 'function') throw new TypeError(`m2m-guard: option "${name}" must be a function`)
}
