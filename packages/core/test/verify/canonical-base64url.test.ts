import { describe, expect, it } from 'vitest'
import { createStytchVerifier, type M2MAuthError } from '../../src/index.js'
import { decodeBase64url } from '../../src/verify/base64url.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

// Issue 11, finding 4: the last character of a segment has unused bits, so every token had up to 16 spellings.
const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** The same bytes spelled with the unused low bits of the last character set (`mask`: 0b1111 or 0b11). */
function withUnusedBits(segment: string, mask: number): string {
  const last = ALPHABET.indexOf(segment.at(-1) as string)
  return `${segment.slice(0, -1)}${ALPHABET[last | mask]}`
}

describe('decodeBase64url', () => {
  it.each([
    ['2 characters, lowest unused bit set', 'YR'],
    ['2 characters, three unused bits set', 'YX'],
    ['3 characters, low 2 bits set', 'YWJ'],
    ['a 4n+1 length', 'YWJjZ'],
  ])('refuses a non-canonical encoding: %s', (_name, segment) => {
    expect(() => decodeBase64url(segment)).toThrow(expect.objectContaining({ code: 'ERR_TOKEN_MALFORMED' }))
  })

  it('decodes the canonical spellings', () => {
    expect(Buffer.from(decodeBase64url('YQ')).toString()).toBe('a')
    expect(Buffer.from(decodeBase64url('YWI')).toString()).toBe('ab')
    expect(Buffer.from(decodeBase64url('YWJj')).toString()).toBe('abc')
  })
})

describe.each(['node', 'webcrypto'] as const)('issue 11: only canonical base64url (%s signatures)', (crypto) => {
  const verifier = () =>
    createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      crypto,
      tokenCache: false,
    })

  it('accepts the token as signed', async () => {
    await expect(verifier().verify(stytchToken(key, NOW))).resolves.toBeDefined()
  })

  it('answers 401 ERR_TOKEN_MALFORMED when the unused bits of the last signature character are set', async () => {
    const token = stytchToken(key, NOW)
    const [h, p, s] = token.split('.') as [string, string, string]
    // A 2048-bit signature is 256 bytes: 342 characters, the last one with 4 unused bits.
    expect(s.length % 4).toBe(2)
    for (const mask of [0b0001, 0b0010, 0b0100, 0b1000, 0b1111]) {
      const error = (await verifier()
        .verify(`${h}.${p}.${withUnusedBits(s, mask)}`)
        .catch((e: unknown) => e)) as M2MAuthError
      expect(error.code).toBe('ERR_TOKEN_MALFORMED')
      expect(error.status).toBe(401)
    }
  })

  it('rejects the variant even after the canonical token was cached', async () => {
    const v = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      crypto,
    })
    const token = stytchToken(key, NOW)
    await v.verify(token)
    const [h, p, s] = token.split('.') as [string, string, string]
    await expect(v.authenticate(`Bearer ${h}.${p}.${withUnusedBits(s, 1)}`)).rejects.toMatchObject({
      code: 'ERR_TOKEN_MALFORMED',
      status: 401,
    })
  })
})
