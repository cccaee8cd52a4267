/** A path into a parsed document: object keys and array indexes. */
export type DocumentPath = readonly (string | number)[]

/**
 * Finds the 1-based line of the member named by `path` in valid JSON `text` (the key's line for an object member, the
 * value's line for an array element), by scanning the text once. `JSON.parse` keeps no positions, and an error that
 * names only a field is hard to find in a long file.
 *
 * @param text - JSON that `JSON.parse` accepted.
 * @param path - Keys and indexes from the root.
 * @returns The line, or `undefined` when the path does not exist.
 */
export function locateJsonLine(text: string, path: DocumentPath): number | undefined {
  let index = 0
  const skipSpace = (): void => {
    while (index < text.length && /\s/.test(text[index]!)) index++
  }
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length
  const readString = (): string => {
    const start = index
    index++
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1
    index++
    return JSON.parse(text.slice(start, index)) as string
  }
  // Skips one value; returns nothing. Strings are skipped whole so brackets inside them are not counted.
  const skipValue = (): void => {
    skipSpace()
    const char = text[index]
    if (char === '"') return void readString()
    if (char === '{' || char === '[') {
      let depth = 0
      do {
        const current = text[index]
        if (current === '"') {
          readString()
          continue
        }
        if (current === '{' || current === '[') depth++
        if (current === '}' || current === ']') depth--
        index++
      } while (depth > 0)
      return
    }
    while (index < text.length && !/[\s,\]}]/.test(text[index]!)) index++
  }
  // Walks into the value at `index` along `path` from `depth`.
  const walk = (depth: number): number | undefined => {
    skipSpace()
    if (depth === path.length) return lineAt(index)
    const step = path[depth]
    const open = text[index]
    if (open === '{' && typeof step === 'string') {
      index++
      for (;;) {
        skipSpace()
        if (text[index] === '}') return undefined
        const keyStart = index
        const key = readString()
        skipSpace()
        index++ // the colon
        if (key === step) return depth + 1 === path.length ? lineAt(keyStart) : walk(depth + 1)
        skipValue()
        skipSpace()
        if (text[index] === ',') index++
      }
    }
    if (open === '[' && typeof step === 'number') {
      index++
      for (let position = 0; ; position++) {
        skipSpace()
        if (text[index] === ']') return undefined
        if (position === step) return walk(depth + 1)
        skipValue()
        skipSpace()
        if (text[index] === ',') index++
      }
    }
    return undefined
  }
  return walk(0)
}
