import { invalidOption } from './option-error.js'

/** Allowed range of a numeric option. */
export interface NumberRule {
  /** Smallest value. */
  readonly min: number
  /** Largest value. Default `Number.MAX_SAFE_INTEGER`. */
  readonly max?: number
  /** Whether `min` itself is refused (`> 0` rather than `>= 0`). */
  readonly minExclusive?: boolean
  /** Whether only integers are accepted. */
  readonly integer?: boolean
  /** Unit named in the message (`seconds`). */
  readonly unit?: string
}

function describeNumber(rule: NumberRule): string {
  const kind = rule.integer === true ? 'an integer' : 'a finite number'
  const unit = rule.unit === undefined ? '' : ` of ${rule.unit}`
  const max = rule.max ?? Number.MAX_SAFE_INTEGER
  const low = rule.minExclusive === true ? `above ${rule.min}` : `from ${rule.min}`
  const range =
    max === Number.MAX_SAFE_INTEGER
      ? rule.minExclusive === true
        ? `> ${rule.min}`
        : `>= ${rule.min}`
      : `${low} to ${max}`
  return `${kind}${unit} ${range}`
}

/**
 * Checks a numeric option against its range. `NaN`, infinities and non-numbers are always refused, so no value can
 * switch a limit off.
 *
 * @param value - The option value.
 * @param path - The option's name, dotted when nested.
 * @param rule - The allowed range.
 * @param fallback - Returned when `value` is `undefined`.
 * @returns The value, or `fallback`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be a finite number of seconds from 0 to 300` (or the like).
 * @example
 * const tolerance = checkNumber(options.clockTolerance, 'clockTolerance', { min: 0, max: 300, unit: 'seconds' }, 5)
 */
export function checkNumber<F extends number | undefined>(
  value: unknown,
  path: string,
  rule: NumberRule,
  fallback: F,
): number | F {
  if (value === undefined) return fallback
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isInteger(value)) &&
    (rule.minExclusive === true ? value > rule.min : value >= rule.min) &&
    value <= (rule.max ?? Number.MAX_SAFE_INTEGER)
  if (!ok) invalidOption(path, describeNumber(rule))
  return value
}

/**
 * Checks an optional list of strings.
 *
 * @param value - The option value.
 * @param path - The option's name.
 * @param nonEmpty - Whether the list and each string must be non-empty.
 * @returns A copy of the list, or `undefined` when `value` is `undefined`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be an array of strings` (or of non-empty ones).
 * @example
 * const scopes = checkStringList(options.requiredScopes, 'requiredScopes', false)
 */
export function checkStringList(value: unknown, path: string, nonEmpty: boolean): string[] | undefined {
  if (value === undefined) return undefined
  const ok =
    Array.isArray(value) &&
    (!nonEmpty || value.length > 0) &&
    value.every((item) => typeof item === 'string' && (!nonEmpty || item !== ''))
  if (!ok) invalidOption(path, nonEmpty ? 'a non-empty array of non-empty strings' : 'an array of strings')
  return [...(value as string[])]
}

/**
 * Checks an optional function.
 *
 * @param value - The option value.
 * @param path - The option's name.
 * @param what - What the function is, for the message (`a function returning milliseconds`).
 * @returns The function, or `undefined`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be <what>`.
 * @example
 * const onEvent = checkFunction(options.onEvent, 'jwks.onEvent', 'a function')
 */
export function checkFunction<T>(value: T | undefined, path: string, what = 'a function'): T | undefined {
  if (value !== undefined && typeof value !== 'function') invalidOption(path, what)
  return value
}

/**
 * Checks an optional boolean.
 *
 * @param value - The option value.
 * @param path - The option's name.
 * @returns The value, or `undefined`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be true or false`.
 * @example
 * checkBoolean(options.required, 'required')
 */
export function checkBoolean(value: unknown, path: string): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') invalidOption(path, 'true or false')
  return value
}

/**
 * Checks an optional choice among fixed strings.
 *
 * @param value - The option value.
 * @param path - The option's name.
 * @param choices - The accepted values.
 * @returns The value, or `undefined`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be "a", "b" or "c"`.
 * @example
 * checkChoice(options.crypto, 'crypto', ['auto', 'node', 'webcrypto'])
 */
export function checkChoice<const C extends string>(
  value: unknown,
  path: string,
  choices: readonly C[],
): C | undefined {
  if (value === undefined || choices.includes(value as C)) return value as C | undefined
  const quoted = choices.map((choice) => `"${choice}"`)
  return invalidOption(path, `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`)
}

/**
 * Whether a value is a plain options object (not `null`, not an array, not a function).
 *
 * @param value - Any value.
 * @returns `true` for an object that can hold named options.
 * @example
 * if (!isOptionsObject(options.tokenCache)) invalidOption('tokenCache', 'false or { max }')
 */
export function isOptionsObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
