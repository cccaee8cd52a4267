import { checkNumber, invalidOption } from '@m2m-guard/core/options'

/** Control characters and whitespace, which never belong in ids, secrets or scopes. */
const CONTROL_OR_SPACE = /[\s\p{Cc}]/u

/**
 * Asserts a non-empty string without whitespace or control characters. The value never enters the message.
 *
 * @param path - The option's name, for the message.
 * @param value - The option value.
 * @returns The value.
 * @throws {TypeError} `m2m-guard: option "<path>" must be a non-empty string without whitespace or control characters`.
 */
export function word(path: string, value: unknown): string {
  if (typeof value !== 'string' || value === '' || CONTROL_OR_SPACE.test(value)) {
    invalidOption(path, 'a non-empty string without whitespace or control characters')
  }
  return value
}

/**
 * Asserts an optional finite number of seconds within `[min, max]` and returns it or the default.
 *
 * @param path - The option's name, dotted when nested (`retry.maxDelay`).
 * @param value - The option value.
 * @param fallback - Returned when `value` is `undefined`.
 * @param min - Smallest value.
 * @param max - Largest value.
 * @returns The value, or `fallback`.
 * @throws {TypeError} `m2m-guard: option "<path>" must be a finite number of seconds from <min> to <max>`.
 */
export function seconds(path: string, value: unknown, fallback: number, min = 0, max = 86_400): number {
  return checkNumber(value, path, { min, max, unit: 'seconds' }, fallback)
}
