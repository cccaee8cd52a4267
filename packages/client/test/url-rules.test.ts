import { describe, expect, it } from 'vitest'
import { isSecureUrl } from '../src/url-rules.js'

describe('isSecureUrl', () => {
  // Issue 11: a *.localhost name resolves through the system resolver, so it may be another machine.
  it('refuses plain http: to a *.localhost name', () => {
    expect(isSecureUrl(new URL('http://token.localhost:8080/'), false)).toBe(false)
    expect(isSecureUrl(new URL('http://localhost:8080/'), false)).toBe(true)
  })
})
