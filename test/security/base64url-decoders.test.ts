import { randomBytes } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { decodeBase64urlInto, RAW_DECODERS } from '../../packages/core/src/verify/base64url.js'
import { MISSPELLINGS } from '../support/base64url-misspellings.js'

// Every runtime decodes token segments with one of three decoders: Node's Buffer (Node, Bun, Deno), the standard
// setFromBase64 (workerd, browsers) or a regex and jose (anything older). The first and the last are checked here
// on Node, each with the strict checks around it; the standard one has no Node 20-24 to run on, so the web suite
// sends the same misspellings to workerd (test/web/runtimes.test.ts).

/** Canonical segments of every length class: 4n, 4n+2 and 4n+3 characters, and a 2048-bit signature. */
const SEGMENTS = [
  Buffer.from('{"alg":"RS256","kid":"k1","typ":"JWT"}').toString('base64url'),
  Buffer.from('abc').toString('base64url'),
  Buffer.from('abcde').toString('base64url'),
  randomBytes(256).toString('base64url'),
] as const

const decoders = [
  // Node's decoder writes into a Buffer, as the verifier's shared buffers are.
  { name: 'buffer', decoder: RAW_DECODERS.buffer, target: () => Buffer.alloc(512), asciiOnly: true },
  { name: 'portable', decoder: RAW_DECODERS.portable, target: () => new Uint8Array(512), asciiOnly: false },
] as const

describe.each(decoders)('decodeBase64urlInto with the $name decoder', ({ decoder, target, asciiOnly }) => {
  it('covers every length class of segment', () => {
    expect(SEGMENTS.map((segment) => segment.length % 4).sort()).toEqual([0, 2, 3, 3])
  })

  it.each(SEGMENTS)('decodes the canonical spelling %#', (segment) => {
    const bytes = target()
    const written = decodeBase64urlInto(segment, bytes, decoder)
    expect(Buffer.from(bytes.subarray(0, written)).equals(Buffer.from(segment, 'base64url'))).toBe(true)
  })

  const cases = MISSPELLINGS.filter((misspelling) => misspelling.ascii || !asciiOnly).flatMap((misspelling) =>
    SEGMENTS.flatMap((segment, index) => {
      const misspelt = misspelling.apply(segment)
      return misspelt === undefined ? [] : [{ name: `${misspelling.name} (segment ${index})`, misspelt }]
    }),
  )

  it('has misspellings of every segment to refuse', () => {
    expect(cases.length).toBeGreaterThan(SEGMENTS.length * 20)
  })

  it.each(cases)('refuses $name as ERR_TOKEN_MALFORMED', ({ misspelt }) => {
    expect(() => decodeBase64urlInto(misspelt, target(), decoder)).toThrow(
      expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED', status: 401 }),
    )
  })
})

describe('decodeBase64urlInto', () => {
  it('refuses a target shorter than the decoded segment as a bug of the caller, not as a bad token', () => {
    expect(() => decodeBase64urlInto(SEGMENTS[0], new Uint8Array(4))).toThrow(RangeError)
  })
})
