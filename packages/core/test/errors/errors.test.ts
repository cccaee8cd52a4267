import { describe, expect, it } from 'vitest'
import {
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  isM2MAuthError,
  JwksUnavailableError,
  M2MAuthError,
  MissingTokenError,
} from '../../src/index.js'

describe('error classes', () => {
  it('carry status, statusCode, expose and a Bearer challenge per RFC 6750 §3', () => {
    const cases: [M2MAuthError, number, string | undefined][] = [
      [new MissingTokenError(), 401, 'Bearer realm="api"'],
      [
        new InvalidRequestError('The Authorization header is malformed'),
        400,
        'Bearer realm="api", error="invalid_request", error_description="The Authorization header is malformed"',
      ],
      [
        new InvalidTokenError('ERR_TOKEN_EXPIRED'),
        401,
        'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
      ],
      [
        new InsufficientScopeError(['read:users', 'write:users']),
        403,
        'Bearer realm="api", error="insufficient_scope", error_description="The access token lacks a required scope", scope="read:users write:users"',
      ],
      [new JwksUnavailableError(12), 503, undefined],
    ]
    for (const [error, status, challenge] of cases) {
      expect(error).toBeInstanceOf(M2MAuthError)
      expect(error.status).toBe(status)
      expect(error.statusCode).toBe(status)
      expect(error.expose).toBe(status < 500)
      expect(error.wwwAuthenticate).toBe(challenge)
      expect(error.headers['WWW-Authenticate']).toBe(challenge)
      expect(error.headers['Cache-Control']).toBe('no-store')
    }
  })

  it('answers a JWKS outage with 503 and Retry-After, never a challenge', () => {
    const error = new JwksUnavailableError(0.2)
    expect(error.retryAfter).toBe(1)
    expect(error.headers).toEqual({ 'Cache-Control': 'no-store', 'Retry-After': '1' })
    expect(error.toResponse()).toEqual({
      status: 503,
      headers: { 'Cache-Control': 'no-store', 'Retry-After': '1' },
      body: { error: 'temporarily_unavailable', error_description: error.message },
    })
  })

  it('renders a JSON body with the RFC 6750 error code and a fixed description', () => {
    expect(new InvalidTokenError('ERR_TOKEN_SIGNATURE').toResponse().body).toEqual({
      error: 'invalid_token',
      error_description: 'The access token signature is invalid',
    })
    expect(new MissingTokenError().toResponse().body.error).toBe('unauthorized')
  })

  it('uses the realm it is given, and never changes it: withRealm makes a copy', () => {
    const error = new InvalidTokenError('ERR_TOKEN_EXPIRED', { realm: 'billing' })
    expect(error.wwwAuthenticate).toMatch(/^Bearer realm="billing", /)
    expect(() => {
      ;(error as { realm: string }).realm = 'other'
    }).toThrow(TypeError)
    const copy = error.withRealm('other')
    expect(copy).not.toBe(error)
    expect(copy).toBeInstanceOf(InvalidTokenError)
    expect(copy).toMatchObject({ code: 'ERR_TOKEN_EXPIRED', status: 401, message: error.message, realm: 'other' })
    expect(copy.headers['WWW-Authenticate']).toMatch(/^Bearer realm="other", /)
    expect(error.headers['WWW-Authenticate']).toMatch(/^Bearer realm="billing", /)
    expect(error.withRealm('billing')).toBe(error)
  })

  it('renders another realm without a copy: toResponse({ realm })', () => {
    const error = new InsufficientScopeError(['read:users'])
    const { status, headers } = error.toResponse({ realm: 'orders' })
    expect(status).toBe(403)
    expect(headers['WWW-Authenticate']).toMatch(
      /^Bearer realm="orders", error="insufficient_scope", .*scope="read:users"$/,
    )
    expect(error.realm).toBe('api')
  })

  it('keeps Retry-After on a copy of a 503', () => {
    const copy = new JwksUnavailableError(30).withRealm('orders')
    expect(copy.headers).toEqual({ 'Cache-Control': 'no-store', 'Retry-After': '30' })
  })

  it('is recognised by brand, also when it comes from another copy of the package', () => {
    expect(isM2MAuthError(new MissingTokenError())).toBe(true)
    expect(isM2MAuthError(new MissingTokenError().withRealm('x'))).toBe(true)
    // What an error of another copy looks like to this one: another class, the same global brand.
    const foreign = Object.assign(new Error('x'), { status: 401, [Symbol.for('m2m-guard.error')]: true })
    expect(foreign instanceof M2MAuthError).toBe(false)
    expect(isM2MAuthError(foreign)).toBe(true)
    expect(isM2MAuthError(new Error('x'))).toBe(false)
    expect(isM2MAuthError({ status: 401, code: 'ERR_MISSING_TOKEN' })).toBe(false)
    expect(isM2MAuthError(null)).toBe(false)
  })

  it('never lets quotes, backslashes or CR/LF into a header value', () => {
    const error = new InsufficientScopeError(['read:"x"\r\nSet-Cookie: a=b', 'a\\b'])
    const value = error.wwwAuthenticate ?? ''
    expect(value).not.toMatch(/[\r\n\\]/)
    expect(value).toContain('scope="read:xSet-Cookie: a=b ab"')
    expect(value.match(/"/g)?.length).toBe(8)
  })

  it('keeps the cause without rendering it', () => {
    const cause = new Error('secret internal detail')
    const error = new InvalidTokenError('ERR_TOKEN_MALFORMED', { cause })
    expect(error.cause).toBe(cause)
    expect(JSON.stringify(error.toResponse())).not.toContain('secret internal detail')
    expect(error.name).toBe('InvalidTokenError')
  })
})
