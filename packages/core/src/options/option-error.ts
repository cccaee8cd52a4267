import { suggestName } from './suggest-name.js'

/**
 * Throws the `TypeError` for an option whose value is wrong, in the one message format of every m2m-guard package.
 *
 * @param path - The option's name, dotted for nested options (`jwks.cacheMaxAge`).
 * @param expected - What the value must be, read after "must be" (`a positive integer`).
 * @returns Never.
 * @throws {TypeError} always: `m2m-guard: option "<path>" must be <expected>`.
 * @example
 * if (typeof value !== 'function') invalidOption('clock', 'a function returning milliseconds')
 */
export function invalidOption(path: string, expected: string): never {
  throw new TypeError(`m2m-guard: option "${path}" must be ${expected}`)
}

/**
 * Throws the `TypeError` for an option name the function does not know, suggesting the closest known name.
 *
 * @param what - The function that received it (`createVerifier`), for the message.
 * @param prefix - The path of the enclosing object with a trailing dot (`jwks.`), or `''` at the top level.
 * @param name - The unknown name.
 * @param known - The names accepted at that level.
 * @returns Never.
 * @throws {TypeError} always: `m2m-guard: <what> does not know the option "<path>"`, plus
 *   ` (did you mean "<path>"?)` when a known name is close.
 * @example
 * unknownOption('createVerifier', 'jwks.', 'staleIfEror', ['staleIfError', 'timeout'])
 */
export function unknownOption(what: string, prefix: string, name: string, known: readonly string[]): never {
  const suggestion = suggestName(name, known)
  const hint = suggestion === undefined ? '' : ` (did you mean "${prefix}${suggestion}"?)`
  throw new TypeError(`m2m-guard: ${what} does not know the option "${prefix}${name}"${hint}`)
}
