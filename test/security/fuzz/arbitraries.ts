import fc from 'fast-check'
import { b64url } from '../support/raw-jws.js'

/** Runs per property: bounded in CI, `FUZZ_RUNS=200000` for the long run (`pnpm fuzz`). */
export const FUZZ_RUNS: number = Number(process.env.FUZZ_RUNS ?? 300)
/** Test timeout that grows with the number of runs (an HTTP run takes about a millisecond). */
export const FUZZ_TIMEOUT_MS: number = Math.max(20_000, FUZZ_RUNS * 5)

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
const base64urlChar = fc.constantFrom(...BASE64URL)
/** Characters that matter to a JWS or header parser. */
const nastyChar = fc.constantFrom('.', '=', ' ', '\t', '+', '/', '~', '%', '"', '\\', ',', ';', '\u00ff', '\u00e9')
/** Characters Node's HTTP client refuses to send (they are only fuzzed through core). */
const unsendableChar = fc.constantFrom('\r', '\n', '\u0000', '\u007f', '\u2028', '\ud800', '\u{1f600}')

/** One character, from everything a header value could contain (`http`: only what an HTTP client can send). */
function anyChar(http: boolean): fc.Arbitrary<string> {
  return http
    ? fc.oneof(base64urlChar, nastyChar, fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }))
    : fc.oneof(base64urlChar, nastyChar, unsendableChar, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))
}

/** A change to a token string. */
export type Mutation = (token: string) => string

const splitAt = (token: string): string[] => token.split('.')

function editJsonSegment(segment: string, key: string, value: unknown): string {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'))
    if (typeof parsed !== 'object' || parsed === null) return segment
    return b64url(JSON.stringify({ ...parsed, [key]: value }))
  } catch {
    return segment
  }
}

const CLAIM_NAMES = ['alg', 'kid', 'typ', 'crit', 'jku', 'exp', 'iat', 'nbf', 'iss', 'aud', 'sub', 'scope', '__proto__']

/**
 * Mutations of a token: segment replacement (random base64url, random JSON, a segment of another valid token,
 * empty), insertion, deletion, character replacement, bit flips in a decoded segment, segment reordering, and claim
 * or header edits that keep the original signature.
 *
 * @param donors - Valid tokens whose segments may be spliced in.
 * @param http - Keep to characters an HTTP client can send.
 */
export function mutation(donors: readonly string[], http: boolean): fc.Arbitrary<Mutation> {
  const char = anyChar(http)
  const donorSegments = donors.flatMap(splitAt)
  const segmentValue = fc.oneof(
    fc.string({ unit: base64urlChar, maxLength: 400 }),
    fc.jsonValue({ maxDepth: 3 }).map((value) => b64url(JSON.stringify(value) ?? 'null')),
    fc.constantFrom(...donorSegments),
    fc.constant(''),
  )
  return fc.oneof(
    fc.tuple(fc.nat(3), segmentValue).map(
      ([index, value]): Mutation =>
        (token) => {
          const parts = splitAt(token)
          parts[index % parts.length] = value
          return parts.join('.')
        },
    ),
    fc.tuple(fc.nat(), fc.string({ unit: char, minLength: 1, maxLength: 20 })).map(
      ([at, text]): Mutation =>
        (token) => {
          const position = at % (token.length + 1)
          return token.slice(0, position) + text + token.slice(position)
        },
    ),
    fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 })).map(
      ([at, count]): Mutation =>
        (token) => {
          const position = at % Math.max(1, token.length)
          return token.slice(0, position) + token.slice(position + count)
        },
    ),
    fc.array(fc.tuple(fc.nat(), char), { minLength: 1, maxLength: 8 }).map(
      (edits): Mutation =>
        (token) => {
          const chars = [...token]
          for (const [at, replacement] of edits) chars[at % chars.length] = replacement
          return chars.join('')
        },
    ),
    fc.tuple(fc.nat(2), fc.nat(), fc.integer({ min: 0, max: 7 })).map(
      ([index, at, bit]): Mutation =>
        (token) => {
          const parts = splitAt(token)
          const bytes = Buffer.from(parts[index % parts.length] ?? '', 'base64url')
          if (bytes.length === 0) return token
          bytes[at % bytes.length] = (bytes[at % bytes.length] as number) ^ (1 << bit)
          parts[index % parts.length] = bytes.toString('base64url')
          return parts.join('.')
        },
    ),
    fc.constantFrom<Mutation>(
      (t) => splitAt(t).reverse().join('.'),
      (t) => {
        const [h = '', p = '', s = ''] = splitAt(t)
        return [p, h, s].join('.')
      },
      (t) => `${t}.${splitAt(t)[2]}`,
      (t) => splitAt(t).slice(1).join('.'),
      (t) => splitAt(t).slice(0, 2).join('.'),
      (t) => `${t}.`,
    ),
    fc
      .tuple(
        fc.boolean(),
        fc.oneof(fc.constantFrom(...CLAIM_NAMES), fc.string({ maxLength: 8 })),
        fc.jsonValue({ maxDepth: 2 }),
      )
      .map(
        ([inHeader, key, value]): Mutation =>
          (token) => {
            const parts = splitAt(token)
            const index = inHeader ? 0 : 1
            parts[index] = editJsonSegment(parts[index] ?? '', key, value)
            return parts.join('.')
          },
      ),
  )
}

/** A valid token put through one to four mutations. */
export function mutatedToken(donors: readonly string[], http: boolean): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...donors), fc.array(mutation(donors, http), { minLength: 1, maxLength: 4 }))
    .map(([token, steps]) => steps.reduce((current, step) => step(current), token))
}

const schemes = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr', 'Basic', 'Bearer,', 'Token', '')
const spaces = fc.constantFrom('', ' ', '  ', '\t', ' \t ')

/** An `Authorization` header value: random text, a scheme with a (mutated or valid) token, anything. */
export function authorizationValue(donors: readonly string[], http: boolean): fc.Arbitrary<string> {
  const char = anyChar(http)
  const token = fc.oneof(
    mutatedToken(donors, http),
    fc.constantFrom(...donors),
    fc.string({ unit: char, maxLength: 60 }),
  )
  return fc.oneof(
    fc.string({ unit: char, maxLength: 200 }),
    fc.tuple(spaces, schemes, spaces, token, spaces).map((parts) => parts.join('')),
  )
}
