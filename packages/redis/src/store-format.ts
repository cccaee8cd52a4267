/** Default Redis hash of the rules: field = rule id, value = the rule as JSON. */
export const DEFAULT_KEY = 'm2m-guard:revocations'
/** Default pub/sub channel of live updates. */
export const DEFAULT_CHANNEL = 'm2m-guard:revocations'
/**
 * A field every writer sets in the hash besides the rules. A hash without it was never written or was lost (Redis
 * restarted empty, flushed, failed over to an empty replica); a hash with it and no rules was cleared on purpose.
 * Rule ids never start with `!`.
 */
export const STORE_MARKER = '!store'

/** A live update, published on the channel after the hash was written (in the same transaction). */
export type StoreMessage =
  | { readonly op: 'set'; readonly id: string; readonly rule: unknown }
  | { readonly op: 'delete'; readonly id: string }
  | { readonly op: 'clear' }

/**
 * Reads a message from the channel; anything else is `undefined` (reported by the caller, never thrown).
 *
 * @param text - The message as received.
 * @returns The message, or `undefined` when it is not one.
 * @example
 * parseStoreMessage('{"op":"delete","id":"client:a@1"}') // { op: 'delete', id: 'client:a@1' }
 */
export function parseStoreMessage(text: string): StoreMessage | undefined {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { op, id, rule } = value as Record<string, unknown>
  if (op === 'clear') return { op }
  if (typeof id !== 'string' || id === '') return undefined
  if (op === 'delete') return { op, id }
  if (op === 'set') return { op, id, rule }
  return undefined
}
