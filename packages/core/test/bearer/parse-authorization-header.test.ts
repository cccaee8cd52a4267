import { describe, expect, it } from 'vitest'
import { type M2MAuthError, parseAuthorizationHeader } from '../../src/index.js'

function failure(value: Parameters<typeof parseAuthorizationHeader>[0]): M2MAuthError {
  try {
    parseAuthorizationHeader(value)
  } catch (error) {
    return error as M2MAuthError
  }
  throw new Error('expected a failure')
}

describe('parseAuthorizationHeader', () => {
  it('returns the token of a Bearer header, scheme in any case', () => {
    expect(parseAuthorizationHeader('Bearer abc.def.ghi')).toBe('abc.def.ghi')
    expect(parseAuthorizationHeader('bearer abc')).toBe('abc')
    expect(parseAuthorizationHeader('BEARER abc')).toBe('abc')
    expect(parseAuthorizationHeader(['Bearer abc'])).toBe('abc')
  })

  it('matches the scheme by ASCII case only: look-alike characters spell another scheme', () => {
    expect(parseAuthorizationHeader('bEaReR abc')).toBe('abc')
    // A fullwidth B (U+FF22), a dotless i (U+0131) for the e, a control character that differs from B by 0x40.
    for (const value of ['\uff22earer abc', 'Bear\u0131r abc', '\u0002earer abc']) {
      expect(failure(value).code).toBe('ERR_MISSING_TOKEN')
    }
    // A no-break space is not the SP the scheme needs: a malformed bearer header, as before.
    expect(failure('Bearer\u00a0abc').code).toBe('ERR_INVALID_REQUEST')
  })

  it('accepts one or more spaces after the scheme (RFC 6750 §2.1: "Bearer" 1*SP b64token)', () => {
    expect(parseAuthorizationHeader('Bearer   abc')).toBe('abc')
  })

  it('accepts the whole b64token charset including trailing padding', () => {
    expect(parseAuthorizationHeader('Bearer aZ09-._~+/==')).toBe('aZ09-._~+/==')
  })

  it.each([undefined, null, '', '   ', 'Basic dXNlcjpwYXNz', 'Bearerabc', 'Bearer-x abc', 'Bearer1', 'Token abc', []])(
    'reports a missing token (401, no error attribute) for %j',
    (value) => {
      const error = failure(value as string)
      expect(error.code).toBe('ERR_MISSING_TOKEN')
      expect(error.status).toBe(401)
      expect(error.wwwAuthenticate).toBe('Bearer realm="api"')
    },
  )

  it.each([
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Bearer a=b',
    'Bearer a"b',
    'Bearer a,b',
    'Bearer ab\u00e9',
    'Bearer a\tb',
  ])('reports a malformed header %j as 400 invalid_request', (value) => {
    const error = failure(value)
    expect(error.code).toBe('ERR_INVALID_REQUEST')
    expect(error.status).toBe(400)
    expect(error.wwwAuthenticate).toMatch(/^Bearer realm="api", error="invalid_request"/)
  })

  // Issue 11: these came back as 401 without an error, as if the scheme were not Bearer.
  it.each(['Bearer\tabc', 'bearer\tabc', 'Bearer\t abc', 'Bearer\u00a0abc', 'Bearer,abc', 'Bearer/abc', 'Bearer\t'])(
    'reports Bearer followed by something other than spaces, %j, as 400 invalid_request',
    (value) => {
      const error = failure(value)
      expect(error.code).toBe('ERR_INVALID_REQUEST')
      expect(error.status).toBe(400)
      expect(error.wwwAuthenticate).toMatch(/^Bearer realm="api", error="invalid_request"/)
    },
  )

  it('refuses two Authorization headers with 400 invalid_request', () => {
    const error = failure(['Bearer a', 'Bearer b'])
    expect(error.code).toBe('ERR_INVALID_REQUEST')
    expect(error.status).toBe(400)
  })
})
