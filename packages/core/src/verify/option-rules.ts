import { sanitizeParam } from '../errors/www-authenticate.js'
import type { NumberRule } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'

/**
 * `clockTolerance`: 0 to 300 seconds. A tolerance is for clocks a little apart; more (or milliseconds given by
 * mistake, `60000`) would keep expired tokens alive for hours.
 */
export const CLOCK_TOLERANCE_RULE: NumberRule = Object.freeze({ min: 0, max: 300, unit: 'seconds' })
/** `maxTokenAge`: 0 to 86400 seconds (one day); no finite value switches the limit off, `NaN` included. */
export const MAX_TOKEN_AGE_RULE: NumberRule = Object.freeze({ min: 0, max: 86_400, unit: 'seconds' })
/** `maxTokenLength` and `tokenCache.max`: positive integers. */
export const POSITIVE_INTEGER_RULE: NumberRule = Object.freeze({ min: 1, integer: true })

/**
 * Checks a realm: it goes between the quotes of `WWW-Authenticate`, so it must survive sanitising unchanged.
 *
 * @param value - The option value.
 * @param path - The option's name.
 * @returns The realm, or `undefined`.
 * @throws {TypeError} naming the option when the realm is empty, too long or has unsafe characters.
 * @example
 * const realm = checkRealm(options.realm, 'realm') ?? DEFAULT_REALM
 */
export function checkRealm(value: unknown, path: string): string | undefined {
  if (value !== undefined && (typeof value !== 'string' || value === '' || sanitizeParam(value) !== value)) {
    invalidOption(path, 'a non-empty string of at most 200 printable ASCII characters without quotes or backslashes')
  }
  return value
}
