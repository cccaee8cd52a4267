import { createHmac, generateKeyPairSync, sign as nodeSign } from 'node:crypto'
import { beforeEach, describe, expect, it } from 'vitest'
import { createStytchVerifier, type M2MAuthError, type Verifier, type VerifyOptions } from '../../src/index.js'
import { ISSUER, makeKey, PROJECT_ID, StaticJwks, signJwt, stytchToken } from '../helpers/test-keys.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const other = makeKey('jwk-test-b')
const foreign = makeKey('jwk-test-a') // same kid, different key material

async function failure(promise: Promise<unknown>): Promise<M2MAuthError> {
  try {
    await promise
  } catch (error) {
    return error as M2MAuthError
  }
  throw new Error('expected a rejection')
}

describe.each(['node', 'webcrypto'] as const)('verifier with %s signatures', (crypto) => {
  let now: number
  let jwks: StaticJwks
  let verifier: Verifier
  const make = (extra: object = {}): Verifier =>
    createStytchVerifier({ projectId: PROJECT_ID, jwks, crypto, clock: () => now * 1000, tokenCache: false, ...extra })
  const expectCode = async (token: string, code: string, options?: VerifyOptions, v = verifier) => {
    const error = await failure(v.verify(token, options))
    expect(error.code).toBe(code)
    return error
  }

  beforeEach(() => {
    now = NOW
    jwks = new StaticJwks(key, other)
    verifier = make()
  })

  describe('happy flow', () => {
    it('accepts a Stytch M2M token and returns who called with which scopes', async () => {
      const auth = await verifier.verify(stytchToken(key, NOW, { plan: 'pro', jti: 'j1' }))
      expect(auth.clientId).toBe('m2m-client-test-1')
      expect(auth.scopes).toEqual(['read:users', 'write:books'])
      expect(auth.customClaims).toEqual({ plan: 'pro' })
      expect(auth.claims.iss).toBe(ISSUER)
      expect(auth.expiresAt.getTime()).toBe((NOW + 3600) * 1000)
      expect(auth.issuedAt.getTime()).toBe(NOW * 1000)
      expect(Object.isFrozen(auth) && Object.isFrozen(auth.scopes) && Object.isFrozen(auth.claims)).toBe(true)
    })

    it('selects the key by kid', async () => {
      await expect(verifier.verify(stytchToken(other, NOW, {}, { kid: other.kid }))).resolves.toBeDefined()
    })

    it('accepts aud as a plain string holding the project id (RFC 7519 §4.1.3)', async () => {
      await expect(verifier.verify(stytchToken(key, NOW, { aud: PROJECT_ID }))).resolves.toBeDefined()
    })

    it('accepts a custom domain issuer only when configured', async () => {
      const token = stytchToken(key, NOW, { iss: 'https://login.example.com' })
      await expectCode(token, 'ERR_TOKEN_ISSUER')
      const custom = make({ customDomains: ['https://login.example.com/'] })
      await expect(custom.verify(token)).resolves.toBeDefined()
    })

    it('treats a missing or empty scope claim as no scopes', async () => {
      expect((await verifier.verify(stytchToken(key, NOW, { scope: undefined }))).scopes).toEqual([])
      expect((await verifier.verify(stytchToken(key, NOW, { scope: '  ' }))).scopes).toEqual([])
    })

    it('accepts typ in any case and with the application/ prefix', async () => {
      await expect(verifier.verify(stytchToken(key, NOW, {}, { typ: 'jwt' }))).resolves.toBeDefined()
      await expect(verifier.verify(stytchToken(key, NOW, {}, { typ: 'application/JWT' }))).resolves.toBeDefined()
    })
  })

  describe('structure', () => {
    it.each([
      ['two segments', 'a.b'],
      ['four segments', 'a.b.c.d'],
      ['five segments (JWE)', 'a.b.c.d.e'],
      ['an empty part', 'a..c'],
      ['padding', 'YQ==.YQ.YQ'],
      ['a non-base64url character', 'a+b.c.d'],
      ['whitespace', 'a.b .c'],
      ['JSON serialization', '{"payload":"a","signatures":[]}'],
    ])('rejects %s as malformed', async (_name, token) => {
      await expectCode(token, 'ERR_TOKEN_MALFORMED')
    })

    it('rejects a token longer than maxTokenLength before decoding it', async () => {
      const token = stytchToken(key, NOW, { pad: 'x'.repeat(9000) })
      await expectCode(token, 'ERR_TOKEN_TOO_LARGE')
      await expect(make({ maxTokenLength: 20_000 }).verify(token)).resolves.toBeDefined()
    })

    it('rejects a header or payload that is not a JSON object, or not valid UTF-8', async () => {
      const b = (s: string | Buffer) => Buffer.from(s).toString('base64url')
      await expectCode(`${b('[1]')}.${b('{}')}.c2ln`, 'ERR_TOKEN_MALFORMED')
      await expectCode(`${b('{"alg":"RS256"')}.${b('{}')}.c2ln`, 'ERR_TOKEN_MALFORMED')
      await expectCode(
        signJwt({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, '"just a string"', key),
        'ERR_TOKEN_MALFORMED',
      )
      await expectCode(signJwt({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, 'null', key), 'ERR_TOKEN_MALFORMED')
      const badUtf8 = signJwt({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, Buffer.from([0x7b, 0xff, 0x7d]), key)
      await expectCode(badUtf8, 'ERR_TOKEN_MALFORMED')
    })

    it('parses the payload only after the signature was verified', async () => {
      const b = (s: string) => Buffer.from(s).toString('base64url')
      await expectCode(
        `${b('{"alg":"RS256","kid":"jwk-test-a","typ":"JWT"}')}.${b('not json')}.c2ln`,
        'ERR_TOKEN_SIGNATURE',
      )
    })

    it('rejects a BOM before the JSON', async () => {
      await expectCode(
        signJwt({ alg: 'RS256', kid: key.kid, typ: 'JWT' }, '\uFEFF{"sub":"c"}', key),
        'ERR_TOKEN_MALFORMED',
      )
    })

    it('rejects a non-string token', async () => {
      await expectCode(42 as unknown as string, 'ERR_TOKEN_MALFORMED')
    })
  })

  describe('algorithms and header', () => {
    it('rejects an unsigned alg: none token for its algorithm', async () => {
      const [h, p] = stytchToken(key, NOW, {}, { alg: 'none' }).split('.') as [string, string]
      await expectCode(`${h}.${p}.`, 'ERR_TOKEN_ALGORITHM')
    })

    it.each(['none', 'None', 'NONE', 'nOnE', 'HS256', 'RS384', 'PS256', 'ES256', '', 'rs256'])(
      'rejects alg %j: the algorithm comes from configuration',
      async (alg) => {
        await expectCode(stytchToken(key, NOW, {}, { alg }), 'ERR_TOKEN_ALGORITHM')
      },
    )

    it('rejects HS256 signed with the RSA public key (algorithm confusion)', async () => {
      const pem = key.publicKey.export({ format: 'pem', type: 'spki' })
      const input = `${Buffer.from(JSON.stringify({ alg: 'HS256', kid: key.kid, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', iss: ISSUER, aud: [PROJECT_ID], iat: NOW, exp: NOW + 60 })).toString('base64url')}`
      const token = `${input}.${createHmac('sha256', pem).update(input).digest('base64url')}`
      await expectCode(token, 'ERR_TOKEN_ALGORITHM')
    })

    it('rejects a missing alg', async () => {
      await expectCode(stytchToken(key, NOW, {}, { alg: undefined }), 'ERR_TOKEN_ALGORITHM')
    })

    it.each([
      ['jku', 'https://attacker.example/jwks.json'],
      ['x5u', 'https://attacker.example/cert.pem'],
      ['jwk', { kty: 'RSA', n: 'AQAB', e: 'AQAB' }],
      ['x5c', ['MIIB']],
      ['crit', ['exp']],
      ['b64', false],
    ])('rejects a header carrying %s', async (name, value) => {
      await expectCode(stytchToken(key, NOW, {}, { [name]: value }), 'ERR_TOKEN_HEADER')
    })

    it.each([
      ['a missing kid', undefined],
      ['a numeric kid', 7],
      ['an empty kid', ''],
      ['an object kid', { a: 1 }],
      ['an overlong kid', 'k'.repeat(300)],
    ])('rejects %s', async (_name, kid) => {
      await expectCode(stytchToken(key, NOW, {}, { kid }), 'ERR_TOKEN_HEADER')
    })

    it.each([['at+jwt'], ['JWS'], [undefined], [7]])('rejects typ %j for Stytch', async (typ) => {
      await expectCode(stytchToken(key, NOW, {}, { typ }), 'ERR_TOKEN_HEADER')
    })

    it('rejects an unknown kid with invalid_token and asks the source once', async () => {
      const error = await expectCode(stytchToken(key, NOW, {}, { kid: '../../etc/passwd' }), 'ERR_TOKEN_KEY_NOT_FOUND')
      expect(error.status).toBe(401)
      expect(jwks.getKeyCalls).toBe(1)
    })
  })

  describe('signature', () => {
    it('rejects a signature by a foreign key under a known kid', async () => {
      await expectCode(stytchToken(foreign, NOW), 'ERR_TOKEN_SIGNATURE')
    })

    it('rejects empty, truncated and bit-flipped signatures', async () => {
      const token = stytchToken(key, NOW)
      const [h, p, s] = token.split('.') as [string, string, string]
      const sig = Buffer.from(s, 'base64url')
      const flipped = Buffer.from(sig)
      flipped[10] = (flipped[10] ?? 0) ^ 1
      await expectCode(`${h}.${p}.`, 'ERR_TOKEN_SIGNATURE')
      await expectCode(`${h}.${p}.${sig.subarray(0, 128).toString('base64url')}`, 'ERR_TOKEN_SIGNATURE')
      await expectCode(`${h}.${p}.${flipped.toString('base64url')}`, 'ERR_TOKEN_SIGNATURE')
    })

    it('rejects a token whose payload was altered after signing', async () => {
      const [h, , s] = stytchToken(key, NOW).split('.') as [string, string, string]
      const forged = Buffer.from(
        JSON.stringify({ sub: 'admin', iss: ISSUER, aud: [PROJECT_ID], scope: 'admin:*', iat: NOW, exp: NOW + 3600 }),
      ).toString('base64url')
      await expectCode(`${h}.${forged}.${s}`, 'ERR_TOKEN_SIGNATURE')
    })

    it('rejects a PS256 signature when only RS256 is configured, and a 1024-bit signer', async () => {
      const pss = makeKey('jwk-test-a')
      const input = `${Buffer.from(JSON.stringify({ alg: 'RS256', kid: key.kid, typ: 'JWT' })).toString('base64url')}.${Buffer.from('{}').toString('base64url')}`
      const sig = nodeSign('sha256', Buffer.from(input), { key: pss.privateKey, padding: 6, saltLength: 32 })
      await expectCode(`${input}.${sig.toString('base64url')}`, 'ERR_TOKEN_SIGNATURE')
      const small = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey
      await expectCode(
        `${input}.${nodeSign('sha256', Buffer.from(input), small).toString('base64url')}`,
        'ERR_TOKEN_SIGNATURE',
      )
    })
  })

  describe('claims', () => {
    it.each(['exp', 'iat', 'sub', 'iss'])('requires %s', async (claim) => {
      await expectCode(stytchToken(key, NOW, { [claim]: undefined }), 'ERR_TOKEN_CLAIM_INVALID')
    })

    it('requires aud', async () => {
      await expectCode(stytchToken(key, NOW, { aud: undefined }), 'ERR_TOKEN_CLAIM_INVALID')
    })

    it.each([
      ['exp as a string', { exp: String(NOW + 60) }],
      ['exp as 1e400 (Infinity)', '1e400'],
      ['iat as null', { iat: null }],
      ['nbf as a string', { nbf: 'soon' }],
      ['an empty sub', { sub: '' }],
      ['a numeric sub', { sub: 5 }],
      ['a non-string scope', { scope: ['read:users'] }],
      ['an empty aud array', { aud: [] }],
      ['a non-string aud member', { aud: [PROJECT_ID, 5] }],
    ])('rejects %s', async (_name, overrides) => {
      const token =
        overrides === '1e400'
          ? signJwt(
              { alg: 'RS256', kid: key.kid, typ: 'JWT' },
              `{"sub":"c","iss":"${ISSUER}","aud":["${PROJECT_ID}"],"iat":${NOW},"exp":1e400}`,
              key,
            )
          : stytchToken(key, NOW, overrides as Record<string, unknown>)
      await expectCode(token, 'ERR_TOKEN_CLAIM_INVALID')
    })

    it.each([
      ['a trailing slash', `${ISSUER}/`],
      ['a different case', ISSUER.toUpperCase()],
      ['a scheme', `https://${ISSUER}`],
      ['another project', 'stytch.com/project-test-other'],
    ])('compares the issuer exactly: rejects %s', async (_name, iss) => {
      await expectCode(stytchToken(key, NOW, { iss }), 'ERR_TOKEN_ISSUER')
    })

    it('rejects another project in aud', async () => {
      await expectCode(stytchToken(key, NOW, { aud: ['project-test-other'] }), 'ERR_TOKEN_AUDIENCE')
      await expectCode(stytchToken(key, NOW, { aud: 'project-live-other' }), 'ERR_TOKEN_AUDIENCE')
    })

    it('rejects Stytch session JWTs from the same project', async () => {
      await expectCode(stytchToken(key, NOW, { 'https://stytch.com/session': { id: 's' } }), 'ERR_TOKEN_TYPE')
      await expectCode(stytchToken(key, NOW, { 'https://stytch.com/organization': { id: 'o' } }), 'ERR_TOKEN_TYPE')
    })

    it('keeps __proto__ and constructor in the payload away from the result', async () => {
      const token = signJwt(
        { alg: 'RS256', kid: key.kid, typ: 'JWT' },
        `{"sub":"c","iss":"${ISSUER}","aud":["${PROJECT_ID}"],"iat":${NOW},"exp":${NOW + 60},"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}},"nested":{"\\u005f_proto__":{"admin":true}}}`,
        key,
      )
      const auth = await verifier.verify(token)
      expect(Object.hasOwn(auth.claims, '__proto__')).toBe(false)
      expect(Object.hasOwn(auth.claims, 'constructor')).toBe(false)
      expect(Object.hasOwn(auth.customClaims, '__proto__')).toBe(false)
      expect(Object.hasOwn(auth.claims.nested as object, '__proto__')).toBe(false)
      expect(({} as Record<string, unknown>).admin).toBeUndefined()
      expect((Object.assign({}, auth.customClaims) as Record<string, unknown>).admin).toBeUndefined()
    })

    it('drops __proto__ and constructor inside arrays too', async () => {
      const token = signJwt(
        { alg: 'RS256', kid: key.kid, typ: 'JWT' },
        `{"sub":"c","iss":"${ISSUER}","aud":["${PROJECT_ID}"],"iat":${NOW},"exp":${NOW + 60},"list":[[{"__proto__":{"admin":true},"constructor":1,"ok":2}]]}`,
        key,
      )
      const auth = await verifier.verify(token)
      const inner = (auth.claims.list as Array<Array<Record<string, unknown>>>)[0]![0]!
      expect(Object.keys(inner)).toEqual(['ok'])
      expect(Object.hasOwn(inner, '__proto__')).toBe(false)
    })

    it('refuses a header nested deeper than the stack as malformed, never with a RangeError', async () => {
      // The header is read before any signature check, so its nesting is the caller's choice.
      const depth = 200_000
      const header = Buffer.from(`{"alg":"RS256","kid":"${key.kid}","x":${'['.repeat(depth)}${']'.repeat(depth)}}`)
      const token = `${header.toString('base64url')}.${Buffer.from('{}').toString('base64url')}.AAAA`
      await expectCode(token, 'ERR_TOKEN_MALFORMED', undefined, make({ maxTokenLength: 1_000_000 }))
    })
  })

  describe('time', () => {
    it('treats exp == now as expired with tolerance 0, and allows the tolerance otherwise', async () => {
      const token = stytchToken(key, NOW - 3600)
      await expectCode(token, 'ERR_TOKEN_EXPIRED', undefined, make({ clockTolerance: 0 }))
      now = NOW - 0.001
      await expect(make({ clockTolerance: 0 }).verify(token)).resolves.toBeDefined()
      now = NOW + 29.999
      await expect(make({ clockTolerance: 30 }).verify(token)).resolves.toBeDefined()
      now = NOW + 30
      await expectCode(token, 'ERR_TOKEN_EXPIRED', undefined, make({ clockTolerance: 30 }))
    })

    it('uses a default clock tolerance of 5 seconds', async () => {
      const token = stytchToken(key, NOW - 3600)
      now = NOW + 4.9
      await expect(verifier.verify(token)).resolves.toBeDefined()
      now = NOW + 5
      await expectCode(token, 'ERR_TOKEN_EXPIRED')
    })

    it('rejects negative and far-past exp', async () => {
      await expectCode(stytchToken(key, NOW, { exp: -1 }), 'ERR_TOKEN_EXPIRED')
    })

    it('rejects nbf and iat in the future beyond the tolerance', async () => {
      await expectCode(stytchToken(key, NOW, { nbf: NOW + 6 }), 'ERR_TOKEN_NOT_YET_VALID')
      await expectCode(stytchToken(key, NOW, { iat: NOW + 6, nbf: NOW }), 'ERR_TOKEN_NOT_YET_VALID')
      await expect(verifier.verify(stytchToken(key, NOW, { nbf: NOW + 5, iat: NOW + 5 }))).resolves.toBeDefined()
      await expectCode(
        stytchToken(key, NOW, { iat: NOW + 1, nbf: NOW + 1 }),
        'ERR_TOKEN_NOT_YET_VALID',
        undefined,
        make({ clockTolerance: 0 }),
      )
    })

    it('rejects when now - iat >= maxTokenAge, per verifier and per call', async () => {
      const token = stytchToken(key, NOW - 60)
      await expectCode(token, 'ERR_TOKEN_TOO_OLD', undefined, make({ maxTokenAge: 60 }))
      await expect(make({ maxTokenAge: 61 }).verify(token)).resolves.toBeDefined()
      await expectCode(token, 'ERR_TOKEN_TOO_OLD', { maxTokenAge: 30 })
      await expectCode(stytchToken(key, NOW), 'ERR_TOKEN_TOO_OLD', { maxTokenAge: 0 })
    })

    it('accepts a far-future exp (Stytch sets one hour; the claim itself is valid)', async () => {
      await expect(verifier.verify(stytchToken(key, NOW, { exp: NOW + 10 * 365 * 86400 }))).resolves.toBeDefined()
    })
  })

  describe('scopes', () => {
    const token = () => stytchToken(key, NOW, { scope: 'read:users write:* read:users' })

    it('passes when every required scope is granted, wildcards in the resource included', async () => {
      await expect(verifier.verify(token(), { requiredScopes: ['read:users', 'write:books'] })).resolves.toBeDefined()
    })

    it('answers a missing scope with 403 insufficient_scope naming all required scopes', async () => {
      const error = await expectCode(token(), 'ERR_INSUFFICIENT_SCOPE', {
        requiredScopes: ['read:users', 'delete:users'],
      })
      expect(error.status).toBe(403)
      expect(error.wwwAuthenticate).toContain('error="insufficient_scope"')
      expect(error.wwwAuthenticate).toContain('scope="read:users delete:users"')
    })

    it('supports the any-of form, naming the any-of scopes in the challenge when they fail', async () => {
      await expect(verifier.verify(token(), { anyScopes: ['admin:*', 'read:users'] })).resolves.toBeDefined()
      const error = await expectCode(token(), 'ERR_INSUFFICIENT_SCOPE', {
        requiredScopes: ['read:users'],
        anyScopes: ['admin:*', 'read:books'],
      })
      expect(error.wwwAuthenticate).toContain('scope="admin:* read:books"')
    })

    it('lets a custom scope check replace the rule', async () => {
      await expect(
        verifier.verify(token(), { requiredScopes: ['nope'], scopeCheck: () => true }),
      ).resolves.toBeDefined()
      await expectCode(token(), 'ERR_INSUFFICIENT_SCOPE', { scopeCheck: (granted) => granted.includes('admin') })
    })

    it('refuses substring, prefix and case tricks', async () => {
      await expectCode(token(), 'ERR_INSUFFICIENT_SCOPE', { requiredScopes: ['read:user'] })
      await expectCode(token(), 'ERR_INSUFFICIENT_SCOPE', { requiredScopes: ['Read:users'] })
      await expectCode(stytchToken(key, NOW, { scope: '*' }), 'ERR_INSUFFICIENT_SCOPE', {
        requiredScopes: ['read:users'],
      })
      await expectCode(stytchToken(key, NOW, { scope: '*:users' }), 'ERR_INSUFFICIENT_SCOPE', {
        requiredScopes: ['read:users'],
      })
    })
  })

  describe('infrastructure', () => {
    it('reports an unavailable JWKS as 503, never as a bad token', async () => {
      jwks.unavailable = true
      const error = await expectCode(stytchToken(key, NOW), 'ERR_JWKS_UNAVAILABLE')
      expect(error.status).toBe(503)
      expect(error.headers['Retry-After']).toBe('7')
      expect(error.wwwAuthenticate).toBeUndefined()
    })
  })
})

describe('authenticate', () => {
  const jwks = new StaticJwks(key)
  const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks, clock: () => NOW * 1000, realm: 'users-api' })

  it('parses the header and verifies its token', async () => {
    const auth = await verifier.authenticate(`Bearer ${stytchToken(key, NOW)}`, { requiredScopes: ['read:users'] })
    expect(auth.clientId).toBe('m2m-client-test-1')
  })

  it('returns null for a missing token only when not required', async () => {
    await expect(verifier.authenticate(undefined, { required: false })).resolves.toBeNull()
    await expect(verifier.authenticate('Basic abc', { required: false })).resolves.toBeNull()
    const error = await failure(verifier.authenticate(undefined))
    expect(error.code).toBe('ERR_MISSING_TOKEN')
    expect(error.wwwAuthenticate).toBe('Bearer realm="users-api"')
  })

  it('still rejects a present but invalid token when not required', async () => {
    const error = await failure(verifier.authenticate('Bearer a.b.c', { required: false }))
    expect(error.code).toBe('ERR_TOKEN_MALFORMED')
    const malformed = await failure(verifier.authenticate('Bearer a b', { required: false }))
    expect(malformed.code).toBe('ERR_INVALID_REQUEST')
  })

  it('uses the verifier realm, or the per-call one, in every challenge', async () => {
    const error = await failure(verifier.authenticate('Bearer a.b.c'))
    expect(error.wwwAuthenticate).toMatch(/^Bearer realm="users-api", error="invalid_token"/)
    const perCall = await failure(verifier.authenticate('Bearer a.b.c', { realm: 'admin' }))
    expect(perCall.wwwAuthenticate).toMatch(/^Bearer realm="admin", /)
  })

  it('refuses two Authorization headers', async () => {
    const token = stytchToken(key, NOW)
    const error = await failure(verifier.authenticate([`Bearer ${token}`, `Bearer ${token}`]))
    expect(error.code).toBe('ERR_INVALID_REQUEST')
    expect(error.status).toBe(400)
  })
})
