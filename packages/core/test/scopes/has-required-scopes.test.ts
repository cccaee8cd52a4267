import { describe, expect, it } from 'vitest'
import { hasAnyScope, hasRequiredScopes, parseScopes, scopeSatisfies } from '../../src/index.js'

// The truth table of docs/stytch-facts.md, "Scope matching", row for row.
const TRUTH_TABLE: [granted: string, required: string, result: boolean][] = [
  ['read:users write:users', 'read:users', true],
  ['read:users write:users read:books', 'read:users read:books', true],
  ['read_users write_users', 'read_users', true],
  ['read:* write:*', 'read:users', true],
  ['read:users', 'write:users', false],
  ['read:users write:*', 'delete:books', false],
  ['read', 'read:users', false],
  ['read:users', 'read', false],
  ['*', 'read:users', false],
  ['read:users', 'read:*', false],
]

describe('hasRequiredScopes', () => {
  it.each(TRUTH_TABLE)('granted "%s", required "%s" → %s', (granted, required, result) => {
    expect(hasRequiredScopes(parseScopes(granted), parseScopes(required))).toBe(result)
  })

  it('splits a scope with two colons at the first one, as stytch-go does', () => {
    expect(hasRequiredScopes(['a:*'], ['a:b:c'])).toBe(true)
    expect(hasRequiredScopes(['a:b:*'], ['a:b:c'])).toBe(false)
  })

  it('accepts a required read:* only from a granted read:*', () => {
    expect(hasRequiredScopes(['read:*'], ['read:*'])).toBe(true)
  })

  it('treats a wildcard in the action part as a literal', () => {
    expect(hasRequiredScopes(['*:users'], ['read:users'])).toBe(false)
  })

  it('compares case-sensitively and never matches prefixes or substrings', () => {
    expect(hasRequiredScopes(['Read:Users'], ['read:users'])).toBe(false)
    expect(hasRequiredScopes(['read:user'], ['read:users'])).toBe(false)
    expect(hasRequiredScopes(['read:users'], ['read:user'])).toBe(false)
    expect(hasRequiredScopes(['read:users-admin'], ['read:users'])).toBe(false)
  })

  it('does not let an empty resource wildcard anything', () => {
    expect(scopeSatisfies('read:', 'read:users')).toBe(false)
    expect(scopeSatisfies('read:*', 'read')).toBe(false)
  })

  it('is satisfied by an empty requirement and refuses when nothing is granted', () => {
    expect(hasRequiredScopes([], [])).toBe(true)
    expect(hasRequiredScopes([], ['read:users'])).toBe(false)
  })
})

describe('hasAnyScope', () => {
  it('needs one of the candidates', () => {
    expect(hasAnyScope(['read:users'], ['admin:*', 'read:users'])).toBe(true)
    expect(hasAnyScope(['read:users'], ['admin:*', 'write:users'])).toBe(false)
    expect(hasAnyScope(['admin:*'], ['admin:users'])).toBe(true)
  })

  it('is satisfied by an empty candidate list', () => {
    expect(hasAnyScope([], [])).toBe(true)
  })
})

describe('parseScopes', () => {
  it('treats a missing or empty scope claim as no scopes', () => {
    expect(parseScopes(undefined)).toEqual([])
    expect(parseScopes('')).toEqual([])
    expect(parseScopes('   ')).toEqual([])
  })

  it('drops empty parts from repeated spaces and keeps order', () => {
    expect(parseScopes(' read:users   write:users ')).toEqual(['read:users', 'write:users'])
  })
})
