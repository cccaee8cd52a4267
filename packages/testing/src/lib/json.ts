/** A JSON object as parsed from a request body. */
export type JsonObject = Record<string, unknown>

/** Whether `value` is a plain JSON object (not `null`, not an array). */
export const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether `value` is an array of strings. */
export const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string')
