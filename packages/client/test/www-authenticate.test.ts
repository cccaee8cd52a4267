import { describe, expect, it } from 'vitest'
import { hasInvalidTokenChallenge } from '../src/www-authenticate.js'

describe('hasInvalidTokenChallenge', () => {
  it.each([
    'Bearer error="invalid_token"',
    'Bearer realm="api", error="invalid_token", error_description="The access token expired"',
    'bearer ERROR=invalid_token',
    'Basic realm="legacy", Bearer realm="api", error="invalid_token"',
    'Bearer realm="a, b", error="invalid_token"',
    'Bearer realm="say \\"hi\\"", error="invalid_token"',
  ])('finds invalid_token in %s', (header) => {
    expect(hasInvalidTokenChallenge(header)).toBe(true)
  })

  it.each([
    [null],
    [''],
    ['Bearer'],
    ['Bearer realm="api"'],
    ['Bearer error="insufficient_scope", scope="read:users"'],
    ['Bearer error="invalid_request"'],
    ['Bearer error="Invalid_Token"'],
    ['Basic error="invalid_token"'],
    ['Bearer realm="api", Basic error="invalid_token"'],
    ['Bearer error_description="error=invalid_token"'],
    ['Bearer realm="error=\\"invalid_token\\""'],
    ['Bearer error="invalid_token_extra"'],
    ['Negotiate abc==, DPoP error="invalid_token"'],
  ])('does not find it in %j', (header) => {
    expect(hasInvalidTokenChallenge(header)).toBe(false)
  })
})
