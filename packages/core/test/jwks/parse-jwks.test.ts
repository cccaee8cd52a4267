import { describe, expect, it } from 'vitest'
import { JwksDocumentError, type JwksDocumentFailure, parseJwks } from '../../src/jwks/parse-jwks.js'
import { ecJwk, jwksDocument, keyA, keyB, privateJwk, rsaJwk } from './jwks-fixtures.js'

const OPTIONS = { algorithms: ['RS256'], minKeyBits: 2048 } as const

function kidsOf(document: unknown, options: { algorithms: readonly string[]; minKeyBits: number } = OPTIONS) {
  return parseJwks(document, options).map((jwk) => jwk.kid)
}

function reasonOf(document: unknown): JwksDocumentFailure | undefined {
  try {
    parseJwks(document, OPTIONS)
    return undefined
  } catch (error) {
    expect(error).toBeInstanceOf(JwksDocumentError)
    return (error as JwksDocumentError).reason
  }
}

/** keyB's JWK with some members replaced (or removed with `undefined`). */
function variant(changes: Record<string, unknown>): Record<string, unknown> {
  return { ...keyB.jwk, ...changes }
}

describe('parseJwks: documents', () => {
  it('keeps the keys of a Stytch document and ignores its extra members (request_id, status_code)', () => {
    expect(kidsOf(jwksDocument(keyA.jwk, keyB.jwk))).toEqual(['jwk-test-a', 'jwk-test-b'])
  })

  it('returns frozen JWKs holding only kty, kid, n, e, alg and use', () => {
    const [jwk] = parseJwks(jwksDocument({ ...keyA.jwk, key_ops: ['verify'], ext: true }), OPTIONS)
    expect(jwk).toEqual({ kty: 'RSA', kid: keyA.kid, n: keyA.jwk.n, e: keyA.jwk.e, alg: 'RS256', use: 'sig' })
    expect(Object.isFrozen(jwk)).toBe(true)
  })

  it.each([
    ['null', null],
    ['a string', '{"keys":[]}'],
    ['an array', [keyA.jwk]],
    ['{}', {}],
    ['{"keys":null}', { keys: null }],
    ['keys as an object', { keys: { 0: keyA.jwk } }],
    ['keys as a string', { keys: 'jwk' }],
  ])('refuses %s as not a JWK Set', (_name, document) => {
    expect(reasonOf(document)).toBe('not-a-jwks')
  })

  it('refuses an empty key list', () => {
    expect(reasonOf({ keys: [] })).toBe('no-usable-keys')
  })

  it('refuses a document holding only EC and symmetric keys', () => {
    const oct = { kty: 'oct', kid: 'hmac', k: 'c2VjcmV0', alg: 'HS256' }
    expect(reasonOf(jwksDocument(ecJwk('ec-1'), oct))).toBe('no-usable-keys')
  })

  it('skips entries that are not objects', () => {
    expect(kidsOf({ keys: [null, 1, 'jwk', [keyB.jwk], keyA.jwk] })).toEqual(['jwk-test-a'])
  })

  it('keeps the first of several usable keys with the same kid', () => {
    const clash = { ...keyB.jwk, kid: keyA.kid }
    const keys = parseJwks(jwksDocument(keyA.jwk, clash), OPTIONS)
    expect(keys).toHaveLength(1)
    expect(keys[0]?.n).toBe(keyA.jwk.n)
  })

  it('does not let an unusable key claim a kid before a usable one', () => {
    const keys = parseJwks(jwksDocument({ ...ecJwk('x'), kid: keyA.kid }, keyA.jwk), OPTIONS)
    expect(keys.map((jwk) => jwk.n)).toEqual([keyA.jwk.n])
  })

  it('treats __proto__ as an ordinary kid', () => {
    expect(kidsOf(JSON.parse(JSON.stringify({ keys: [variant({ kid: '__proto__' })] })))).toEqual(['__proto__'])
  })
})

describe('parseJwks: key checks', () => {
  it.each([
    ['kty other than RSA', { kty: 'rsa' }],
    ['no kid', { kid: undefined }],
    ['an empty kid', { kid: '' }],
    ['a numeric kid', { kid: 7 }],
    ['a kid of 257 characters', { kid: 'k'.repeat(257) }],
    ['use enc', { use: 'enc' }],
    ['an alg outside the configured list', { alg: 'RS512' }],
    ['alg HS256', { alg: 'HS256' }],
    ['alg none', { alg: 'none' }],
    ['a non-string alg', { alg: ['RS256'] }],
    ['key_ops without verify', { key_ops: ['sign'] }],
    ['key_ops that is not an array', { key_ops: 'verify' }],
    ['n with base64 (not base64url) characters', { n: `${keyA.jwk.n.slice(0, -2)}+/` }],
    ['n with padding', { n: `${keyA.jwk.n}=` }],
    ['n that is a number', { n: 12345 }],
    ['an empty n', { n: '' }],
    ['no e', { e: undefined }],
    ['e = 1', { e: 'AQ' }],
    ['an even e', { e: 'AAI' }],
    ['an e longer than 8 bytes', { e: Buffer.from([1, 0, 0, 0, 0, 0, 0, 0, 1]).toString('base64url') }],
  ])('skips a key with %s', (_name, changes) => {
    expect(kidsOf(jwksDocument(keyA.jwk, variant(changes)))).toEqual(['jwk-test-a'])
  })

  it.each(['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'])('skips a key that publishes the private member %s', (member) => {
    const leaked = privateJwk(keyB)
    const onlyOne = { ...keyB.jwk, [member]: leaked[member] ?? [] }
    expect(kidsOf(jwksDocument(keyA.jwk, onlyOne))).toEqual(['jwk-test-a'])
  })

  it('refuses a document whose only key is a full private key', () => {
    expect(reasonOf(jwksDocument(privateJwk(keyA)))).toBe('no-usable-keys')
  })

  it('keeps keys without alg, use or key_ops, and with a kid of 256 characters', () => {
    const bare = { kty: 'RSA', kid: 'k'.repeat(256), n: keyB.jwk.n, e: keyB.jwk.e }
    expect(parseJwks(jwksDocument(bare), OPTIONS)[0]).toEqual(bare)
  })

  it('keeps keys whose alg is in the configured list', () => {
    const options = { algorithms: ['RS256', 'PS256'], minKeyBits: 2048 }
    expect(kidsOf(jwksDocument(variant({ alg: 'PS256' })), options)).toEqual(['jwk-test-b'])
  })

  it('keeps e = 3', () => {
    expect(kidsOf(jwksDocument(variant({ e: 'Aw' })))).toEqual(['jwk-test-b'])
  })
})

describe('parseJwks: key size', () => {
  const small = rsaJwk('small-1024', 1024)

  it('refuses a 1024-bit RSA key', () => {
    expect(reasonOf(jwksDocument(small))).toBe('no-usable-keys')
  })

  it('does not count leading zero bytes of the modulus', () => {
    const padded = Buffer.concat([Buffer.alloc(200), Buffer.from(small.n as string, 'base64url')])
    expect(reasonOf(jwksDocument({ ...small, n: padded.toString('base64url') }))).toBe('no-usable-keys')
  })

  it('keeps a 2048-bit key with leading zero bytes', () => {
    const padded = Buffer.concat([Buffer.alloc(3), Buffer.from(keyB.jwk.n, 'base64url')]).toString('base64url')
    expect(kidsOf(jwksDocument(variant({ n: padded })))).toEqual(['jwk-test-b'])
  })

  it('applies a raised minKeyBits', () => {
    expect(() => parseJwks(jwksDocument(keyA.jwk), { algorithms: ['RS256'], minKeyBits: 3072 })).toThrow(
      JwksDocumentError,
    )
  })

  it('refuses a modulus above 16384 bits', () => {
    const huge = Buffer.alloc(2049, 0xff).toString('base64url')
    expect(reasonOf(jwksDocument(variant({ n: huge })))).toBe('no-usable-keys')
  })
})
