import { describe, expect, it } from 'vitest'
import { assertSecureUrl, isLoopbackHost } from '../../src/http/secure-url.js'

describe('assertSecureUrl', () => {
  it.each([
    'https://test.stytch.com/v1/sessions/jwks/project-test-1',
    'https://login.example.com',
    'https://127.0.0.1:8443/jwks',
  ])('accepts the https: URL %s', (value) => {
    expect(assertSecureUrl(value, 'jwksUri').href).toBe(new URL(value).href)
  })

  it.each([
    'http://localhost:3000/jwks',
    'http://LOCALHOST/jwks',
    'http://127.0.0.1/jwks',
    'http://127.255.0.9:9/jwks',
    'http://127.1/jwks',
    'http://0x7f.0.0.1/jwks',
    'http://[::1]:8080/jwks',
    'http://[0:0:0:0:0:0:0:1]/jwks',
  ])('accepts http: to the loopback host in %s', (value) => {
    expect(assertSecureUrl(value, 'baseUrl').protocol).toBe('http:')
  })

  it.each([
    'http://example.com/jwks',
    'http://10.0.0.1/jwks',
    'http://128.0.0.1/jwks',
    'http://127.0.0.1.nip.io/jwks',
    'http://localhost.example.com/jwks',
    'http://localhost./jwks',
    'http://[::ffff:127.0.0.1]/jwks',
    'http://0.0.0.0/jwks',
  ])('refuses http: to the non-loopback host in %s', (value) => {
    expect(() => assertSecureUrl(value, 'baseUrl')).toThrow(TypeError)
    expect(() => assertSecureUrl(value, 'baseUrl')).toThrow(/baseUrl/)
  })

  it.each([
    'ftp://example.com/jwks',
    'file:///etc/passwd',
    'data:application/json,{"keys":[]}',
    'javascript:alert(1)',
    'ws://localhost/jwks',
  ])('refuses the scheme of %s', (value) => {
    expect(() => assertSecureUrl(value, 'jwksUri')).toThrow(TypeError)
    expect(() => assertSecureUrl(value, 'jwksUri')).toThrow(/jwksUri/)
  })

  it.each([
    'https://user:pass@example.com/jwks',
    'https://user@example.com/jwks',
    'https://:pass@example.com/jwks',
    'http://user:pass@localhost/jwks',
  ])('refuses the credentials in %s', (value) => {
    expect(() => assertSecureUrl(value, 'jwksUri')).toThrow(/jwksUri/)
  })

  it.each(['', 'not a url', '/relative/path', 'test.stytch.com', '//example.com/jwks'])(
    'refuses the unparsable or relative value %j',
    (value) => {
      expect(() => assertSecureUrl(value, 'customDomains')).toThrow(TypeError)
      expect(() => assertSecureUrl(value, 'customDomains')).toThrow(/customDomains/)
    },
  )

  it.each([undefined, null, 42, {}, ['https://example.com']])('refuses the non-URL value %j', (value) => {
    expect(() => assertSecureUrl(value as unknown as string, 'url')).toThrow(TypeError)
  })

  it('accepts a URL object and returns a copy the caller cannot change afterwards', () => {
    const input = new URL('https://example.com/jwks')
    const result = assertSecureUrl(input, 'url')
    input.pathname = '/elsewhere'
    expect(result.href).toBe('https://example.com/jwks')
  })
})

describe('isLoopbackHost', () => {
  it('knows localhost, 127.0.0.0/8 and ::1 and nothing else', () => {
    expect(['localhost', '127.0.0.1', '127.9.9.9', '[::1]'].map(isLoopbackHost)).toEqual([true, true, true, true])
    expect(['example.com', '0.0.0.0', '[::]', '126.0.0.1', 'localhost.'].map(isLoopbackHost)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })
})
