import { unknownOption } from './option-error.js'

/**
 * The accepted names of an options type, as an object so the compiler can hold it to the type:
 * `const NAMES = { a: true, b: true } satisfies OptionNames<Options>` (or, for an exported list, the annotation
 * `const NAMES: OptionNames<Options> = { … }`, which checks the same) fails to compile when a field is added to
 * `Options` and not to `NAMES`, or when `NAMES` lists a name `Options` does not have.
 */
export type OptionNames<T> = { readonly [K in keyof Required<T>]: true }

/**
 * Refuses names an options object does not know, so a typo (`requireScopes`) never silently turns a check off.
 * Only own enumerable string keys are read; values are not looked at.
 *
 * @param options - The options object (already known to be an object).
 * @param names - The accepted names (see {@link OptionNames}).
 * @param what - The function that received the object, for the message.
 * @param prefix - Path of the object with a trailing dot (`jwks.`), `''` at the top level.
 * @throws {TypeError} `m2m-guard: <what> does not know the option "<prefix><name>"`, with a suggestion when a known
 *   name is close.
 * @example
 * checkNames(options, VERIFY_OPTION_NAMES, 'verify', '')
 */
export function checkNames(options: object, names: Readonly<Record<string, true>>, what: string, prefix: string): void {
  for (const name of Object.keys(options)) {
    if (!Object.hasOwn(names, name)) unknownOption(what, prefix, name, Object.keys(names))
  }
}
