/** A change to one base64url segment that a strict decoder must refuse. */
export interface Misspelling {
  readonly name: string
  /** The changed segment, or `undefined` where the change does not apply to this segment. */
  readonly apply: (segment: string) => string | undefined
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

const replaceMiddle =
  (character: string) =>
  (segment: string): string => {
    const middle = segment.length >> 1
    return `${segment.slice(0, middle)}${character}${segment.slice(middle + 1)}`
  }
const insertMiddle =
  (text: string) =>
  (segment: string): string => {
    const middle = segment.length >> 1
    return `${segment.slice(0, middle)}${text}${segment.slice(middle)}`
  }

/** The same bytes with the unused low bits of the last character set: 16 or 4 spellings of one segment. */
function unusedBitsSet(segment: string): string | undefined {
  const mask = [0, 0, 0b1111, 0b11][segment.length % 4] as number
  if (mask === 0) return undefined
  const last = ALPHABET.indexOf(segment.at(-1) as string)
  return `${segment.slice(0, -1)}${ALPHABET[last | mask]}`
}

const replaced = (label: string, character: string): Misspelling => ({
  name: `${label} in place of a character`,
  apply: replaceMiddle(character),
})
const inserted = (label: string, text: string): Misspelling => ({
  name: `${label} inserted`,
  apply: insertMiddle(text),
})

/**
 * Every way a segment can be misspelled that some base64 decoder would still read: the standard alphabet, padding,
 * the whitespace `atob` and `setFromBase64` skip, characters Node's decoder skips, non-ASCII characters, and the
 * non-canonical last character. Length-preserving changes matter most: only a decoder that checks each character
 * (or a length check on its output) refuses them.
 */
export const MISSPELLINGS: readonly Misspelling[] = [
  replaced('+', '+'),
  replaced('/', '/'),
  replaced('=', '='),
  replaced('.', '.'),
  replaced('~', '~'),
  replaced('*', '*'),
  replaced('%', '%'),
  replaced('a double quote', '"'),
  replaced('NUL', '\u0000'),
  replaced('a space', ' '),
  replaced('a tab', '\t'),
  replaced('a line feed', '\n'),
  replaced('a carriage return', '\r'),
  replaced('a form feed', '\f'),
  replaced('a vertical tab', '\v'),
  replaced('é', 'é'),
  replaced('a fullwidth A', '\uff21'),
  replaced('a line separator', '\u2028'),
  replaced('a no-break space', '\u00a0'),
  inserted('a space', ' '),
  inserted('a tab', '\t'),
  inserted('a line feed', '\n'),
  inserted('two spaces', '  '),
  inserted('é', 'é'),
  { name: 'one = of padding', apply: (segment) => `${segment}=` },
  { name: 'two = of padding', apply: (segment) => `${segment}==` },
  { name: 'a trailing space', apply: (segment) => `${segment} ` },
  { name: 'a leading tab', apply: (segment) => `\t${segment}` },
  { name: 'the unused bits of the last character set', apply: unusedBitsSet },
]
