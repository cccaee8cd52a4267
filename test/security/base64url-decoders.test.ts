import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeBase64urlInto } from '../../packages/core/src/verify/base64url.js'
import { MISSPELLINGS } from '../support/base64url-misspellings.js'

// Every runtime decodes token segments with the one strict decoder in JavaScript; the web suite sends the same
// misspellings to Bun, Deno and workerd (test/web/runtimes.test.ts).

/** Canonical segments of every length class: 4n, 4n+2 and 4n+3 characters, and a 2048-bit signature. */
const SEGMENTS = [
  Buffer.from('{"alg":"RS256","kid":"k1","typ":"JWT"}').toString('base64url'),
  Buffer.from('abc').toString('base64url'),
  Buffer.from('abcde').toString('base64url'),
  randomBytes(256).toString('base64url'),
] as const

describe('decodeBase64urlInto', () => {
  it('decodes and checks a segment longer than its shared buffer (a maxTokenLength above 8192)', () => {
    const long = randomBytes(12_000).toString('base64url')
    const bytes = new Uint8Array(12_000)
    expect(decodeBase64urlInto(long, bytes)).toBe(12_000)
    expect(Buffer.from(bytes).equals(Buffer.from(long, 'base64url'))).toBe(true)
    for (const misspelling of MISSPELLINGS) {
      const misspelt = misspelling.apply(long)
      if (misspelt === undefined) continue
      expect(() => decodeBase64urlInto(misspelt, new Uint8Array(12_100)), misspelling.name).toThrow(
        expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED' }),
      )
    }
  })

  it('refuses a non-ASCII last character that does not fit the shared buffer, whatever the buffer held before', () => {
    // 8192 characters fill the shared buffer exactly: an `é` at the end takes two bytes, so only 8191 are written and
    // the last byte left over from the segment before must not be read as the 8192nd character.
    const full = randomBytes(6144).toString('base64url')
    expect(full.length).toBe(8192)
    expect(decodeBase64urlInto(full, new Uint8Array(6144))).toBe(6144)
    const misspelt = `${full.slice(0, -1)}é`
    expect(() => decodeBase64urlInto(misspelt, new Uint8Array(6144))).toThrow(
      expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED' }),
    )
  })

  it('covers every length class of segment', () => {
    expect(SEGMENTS.map((segment) => segment.length % 4).sort()).toEqual([0, 2, 3, 3])
  })

  it.each(SEGMENTS)('decodes the canonical spelling %#, as Node does', (segment) => {
    const bytes = new Uint8Array(512)
    const written = decodeBase64urlInto(segment, bytes)
    expect(written).toBe((segment.length * 3) >>> 2)
    expect(Buffer.from(bytes.subarray(0, written)).equals(Buffer.from(segment, 'base64url'))).toBe(true)
  })

  it('decodes every byte value at every position', () => {
    const all = Buffer.from(Array.from({ length: 256 * 3 }, (_, i) => (i * 7 + (i >> 8)) & 0xff))
    for (const cut of [all.length, all.length - 1, all.length - 2]) {
      const segment = all.subarray(0, cut).toString('base64url')
      const bytes = new Uint8Array(cut)
      expect(decodeBase64urlInto(segment, bytes)).toBe(cut)
      expect(Buffer.from(bytes).equals(all.subarray(0, cut))).toBe(true)
    }
  })

  const cases = MISSPELLINGS.flatMap((misspelling) =>
    SEGMENTS.flatMap((segment, index) => {
      const misspelt = misspelling.apply(segment)
      return misspelt === undefined ? [] : [{ name: `${misspelling.name} (segment ${index})`, misspelt }]
    }),
  )

  it('has misspellings of every segment to refuse', () => {
    expect(cases.length).toBeGreaterThan(SEGMENTS.length * 25)
  })

  it.each(cases)('refuses $name as ERR_TOKEN_MALFORMED', ({ misspelt }) => {
    expect(() => decodeBase64urlInto(misspelt, new Uint8Array(512))).toThrow(
      expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', status: 401 }),
    )
  })

  it('refuses every character code outside the alphabet, in every position of a group of four', () => {
    const alphabet = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_')
    const refused: number[] = []
    for (let code = 0; code < 0x10000; code += code < 0x300 ? 1 : 97) {
      if (alphabet.has(String.fromCharCode(code))) continue
      for (const position of [0, 1, 2, 3, 5]) {
        const segment = `${'YWJj'.repeat(2).slice(0, position)}${String.fromCharCode(code)}${'YWJj'.repeat(2).slice(position + 1)}`
        try {
          decodeBase64urlInto(segment, new Uint8Array(8))
        } catch (error) {
          if ((error as { code?: string }).code === 'ERR_TOKEN_MALFORMED') refused.push(code)
          continue
        }
        throw new Error(`accepted U+${code.toString(16)} at ${position}`)
      }
    }
    expect(refused.length).toBeGreaterThan(5 * 700)
  })

  it('refuses a target shorter than the decoded segment as a bug of the caller, not as a bad token', () => {
    expect(() => decodeBase64urlInto(SEGMENTS[0], new Uint8Array(4))).toThrow(RangeError)
  })
})
