import { describe, expect, it } from 'vitest'
import { isLoopbackHost, isSecureUrl } from '../src/url-rules.js'

const hostOf = (host: string): string => new URL(`http://${host}/`).hostname

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', '127.0.0.1', '127.1', '127.10.20.30', '[::1]'])('accepts %s', (host) => {
    expect(isLoopbackHost(hostOf(host))).toBe(true)
  })

  it.each([
    'api.localhost',
    'localhost.example.com',
    '127.0.0.1.nip.io',
    '10.0.0.1',
    '0.0.0.0',
    '[::]',
    'example.com',
    '128.0.0.1',
  ])('refuses %s', (host) => {
    expect(isLoopbackHost(hostOf(host))).toBe(false)
  })
})

describe('isSecureUrl', () => {
  // Issue 11: a *.localhost name resolves through the system resolver, so it may be another machine.
  it('refuses plain http: to a *.localhost name', () => {
    expect(isSecureUrl(new URL('http://token.localhost:8080/'), false)).toBe(false)
    expect(isSecureUrl(new URL('http://localhost:8080/'), false)).toBe(true)
  })
})
