/**
 * `@m2m-guard/core/options`: the shared options toolkit of the m2m-guard packages (core, client, testing), so every
 * factory checks its options the same way and reports misuse in one format:
 * `m2m-guard: option "<path>" must be <what>` and `m2m-guard: <function> does not know the option "<path>"`.
 * It also holds the one URL rule (`https:`, or `http:` to a loopback host). Not an application API: its exports may
 * change with any minor version of core.
 *
 * @packageDocumentation
 */

export { assertSecureUrl, isLoopbackHost } from '../http/secure-url.js'
export { checkNames, type OptionNames } from './check-names.js'
export {
  checkBoolean,
  checkChoice,
  checkFunction,
  checkNumber,
  checkStringList,
  isOptionsObject,
  type NumberRule,
} from './check-values.js'
export { invalidOption, unknownOption } from './option-error.js'
export { suggestName } from './suggest-name.js'
