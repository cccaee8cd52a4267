/** Slots of the pre-filter: 2^16 counters of 16 bits, 128 KiB, allocated with the first key. */
const SLOTS = 1 << 16
const SATURATED = 0xffff

/**
 * A key's slot from its length and last three characters: read in place, so a miss costs no hashing of the whole
 * string. Ids, subjects, `jti`s and hashes end in random characters, so unrelated keys spread over the slots.
 */
function slotOf(key: string): number {
  const end = key.length
  return (
    ((key.charCodeAt(end - 1) << 10) ^ (key.charCodeAt(end - 2) << 5) ^ key.charCodeAt(end - 3) ^ (end << 7)) & 0xffff
  )
}

/**
 * A `Map` with string keys and a counting pre-filter in front of `get` and `has`: a key in a slot no stored key
 * uses is answered "absent" without a map lookup. A map lookup of a string the engine has not hashed before (every
 * claim of a token seen for the first time) costs about 0.1 µs; the slot test a fifth of that. With 2,500 keys
 * about 4% of absent keys still reach the map.
 *
 * The filter can only say "maybe" for a stored key: every key in the map has its slot counted. Counts saturate at
 * 65,535 and a saturated slot is never decremented again, so it stays "maybe" (a lookup too many, never one too few).
 */
export class PrefilteredMap<V> {
  readonly #map = new Map<string, V>()
  #counts: Uint16Array | undefined

  /** Number of keys. */
  get size(): number {
    return this.#map.size
  }

  /**
   * The value of `key`.
   *
   * @param key - The key.
   * @returns The value, or `undefined`.
   */
  get(key: string): V | undefined {
    const counts = this.#counts
    if (counts === undefined || counts[slotOf(key)] === 0) return undefined
    return this.#map.get(key)
  }

  /**
   * Whether `key` is stored.
   *
   * @param key - The key.
   * @returns `true` when stored.
   */
  has(key: string): boolean {
    const counts = this.#counts
    if (counts === undefined || counts[slotOf(key)] === 0) return false
    return this.#map.has(key)
  }

  /**
   * Stores `value` under `key`.
   *
   * @param key - The key.
   * @param value - The value.
   */
  set(key: string, value: V): void {
    if (!this.#map.has(key)) {
      this.#counts ??= new Uint16Array(SLOTS)
      const slot = slotOf(key)
      if ((this.#counts[slot] as number) < SATURATED) (this.#counts[slot] as number)++
    }
    this.#map.set(key, value)
  }

  /**
   * Removes `key`.
   *
   * @param key - The key.
   * @returns Whether it was stored.
   */
  delete(key: string): boolean {
    if (!this.#map.delete(key)) return false
    const counts = this.#counts as Uint16Array
    const slot = slotOf(key)
    const count = counts[slot] as number
    if (count < SATURATED) counts[slot] = count - 1
    return true
  }

  /** Removes every key. */
  clear(): void {
    this.#map.clear()
    this.#counts = undefined
  }
}
