import { checkNames } from '../options/check-names.js'
import { checkBoolean, checkFunction, checkNumber, checkStringList, isOptionsObject } from '../options/check-values.js'
import { AUTHENTICATE_OPTION_NAMES, VERIFY_OPTION_NAMES } from './option-names.js'
import { checkRealm, MAX_TOKEN_AGE_RULE } from './option-rules.js'
import type { AuthenticateOptions } from './verify-options.js'

/** The per-call entry points, named in messages. */
export type CallName = string

/** The default per-call options: one frozen object, checked once, so a call without options costs nothing. */
export const NO_OPTIONS: AuthenticateOptions = Object.freeze({})

/**
 * Options objects that passed, per name list. Adapters pass the same frozen object on every request, so after the
 * first request the check is one `WeakSet` lookup. Only objects frozen together with their scope arrays are
 * remembered: anything else could change after the check, so it is checked on every call.
 */
const checkedForVerify = new WeakSet<object>([NO_OPTIONS])
const checkedForAuthenticate = new WeakSet<object>([NO_OPTIONS])

function isFrozenDeep(options: AuthenticateOptions): boolean {
  const { requiredScopes, anyScopes } = options
  return (
    Object.isFrozen(options) &&
    (requiredScopes === undefined || Object.isFrozen(requiredScopes)) &&
    (anyScopes === undefined || Object.isFrozen(anyScopes))
  )
}

/**
 * Checks the per-call options of `verify()` and `authenticate()` (and an adapter guard's, once, at creation) as
 * strictly as a factory's: unknown names (`scopes`, `requiredScope`) are refused instead of silently skipping the scope check, `maxTokenAge`
 * must be a number of seconds from 0 to 86400 (`NaN` would switch the limit off), scope lists must be arrays of
 * strings, `scopeCheck` a function, `required` a boolean and `realm` safe for `WWW-Authenticate`.
 *
 * @param options - The options given to the call.
 * @param call - Which method received them: `verify` does not know `required`.
 * @throws {TypeError} naming the option.
 * @example
 * checkCallOptions({ requiredScopes: ['read:users'] }, 'authenticate')
 */
export function checkCallOptions(options: unknown, call: CallName): void {
  const forVerify = call === 'verify'
  const checked = forVerify ? checkedForVerify : checkedForAuthenticate
  // `has` of a primitive is simply false.
  if (checked.has(options as object)) return
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${call}() must be an object`)
  checkNames(options, forVerify ? VERIFY_OPTION_NAMES : AUTHENTICATE_OPTION_NAMES, call, '')
  const { requiredScopes, anyScopes, scopeCheck, maxTokenAge, realm, required } = options as AuthenticateOptions
  checkStringList(requiredScopes, 'requiredScopes', false)
  checkStringList(anyScopes, 'anyScopes', false)
  checkFunction(scopeCheck, 'scopeCheck')
  checkNumber(maxTokenAge, 'maxTokenAge', MAX_TOKEN_AGE_RULE, undefined)
  checkRealm(realm, 'realm')
  checkBoolean(required, 'required')
  if (isFrozenDeep(options as AuthenticateOptions)) checked.add(options)
}
