import { describe, expect, it } from 'vitest'
import {
  authorizationFromRawHeaders,
  createGuard,
  createStytchVerifier,
  type M2MAuth,
  type M2MAuthOptions,
  scopeGate,
} from '../../src/index.js'

const projectId = 'project-test-00000000-0000-4000-8000-000000000000'
const verifier = createStytchVerifier({ projectId })
const caller = (scopes: string[]): M2MAuth => ({ scopes }) as unknown as M2MAuth

describe('createGuard', () => {
  it.each<[string, unknown, RegExp]>([
    ['no options at all', undefined, /options/],
    ['neither verifier nor projectId', { requiredScopes: ['read:users'] }, /"verifier" or "projectId"/],
    ['both verifier and projectId', { verifier, projectId }, /"projectId" cannot be combined with "verifier"/],
    ['a Stytch option next to verifier', { verifier, baseUrl: 'http://127.0.0.1:1' }, /"baseUrl"/],
    ['an unknown option next to verifier', { verifier, requireScopes: ['read:users'] }, /"requireScopes"/],
    ['an unknown option next to projectId', { projectId, requireScopes: ['read:users'] }, /"requireScopes"/],
    ['a verifier that is not one', { verifier: {} }, /"verifier"/],
    ['an invalid projectId', { projectId: 'my-project' }, /"projectId"/],
    ['requiredScopes as a string', { verifier, requiredScopes: 'read:users' }, /"requiredScopes"/],
    ['a required scope with a space', { verifier, requiredScopes: ['read:users write:users'] }, /"requiredScopes"/],
    ['an empty required scope', { verifier, requiredScopes: [''] }, /"requiredScopes"/],
    ['an any-of scope with a quote', { verifier, anyScopes: ['read:"users'] }, /"anyScopes"/],
    ['scopeCheck that is not a function', { verifier, scopeCheck: true }, /"scopeCheck"/],
    ['a negative maxTokenAge', { verifier, maxTokenAge: -1 }, /"maxTokenAge"/],
    ['a maxTokenAge that is not a number', { verifier, maxTokenAge: '60' }, /"maxTokenAge"/],
    ['an infinite maxTokenAge', { verifier, maxTokenAge: Number.POSITIVE_INFINITY }, /"maxTokenAge"/],
    ['required as a string', { verifier, required: 'false' }, /"required"/],
    ['an empty realm', { verifier, realm: '' }, /"realm"/],
    ['a realm with a quote', { verifier, realm: 'a"b' }, /"realm"/],
    ['a realm with a line break', { verifier, realm: 'a\r\nb' }, /"realm"/],
    ['an unknown errorHandling', { verifier, errorHandling: 'throw' }, /"errorHandling"/],
  ])('refuses %s with a TypeError naming the option', (_, options, name) => {
    expect(() => createGuard(options as M2MAuthOptions)).toThrow(TypeError)
    expect(() => createGuard(options as M2MAuthOptions)).toThrow(name)
  })

  it('accepts a verifier with every route option', () => {
    const guard = createGuard({
      verifier,
      requiredScopes: ['read:users'],
      anyScopes: [],
      scopeCheck: () => true,
      maxTokenAge: 0,
      required: false,
      realm: 'orders api',
      errorHandling: 'delegate',
    })
    expect(guard.delegate).toBe(true)
    expect(guard.options).toMatchObject({ requiredScopes: ['read:users'], maxTokenAge: 0, required: false })
  })

  it('builds a Stytch verifier from Stytch options and responds by default', () => {
    const guard = createGuard({ projectId, baseUrl: 'http://127.0.0.1:1', realm: 'orders' })
    expect(guard.delegate).toBe(false)
    expect(guard.options.realm).toBe('orders')
  })

  it('keeps its own copy of the scope lists', () => {
    const requiredScopes = ['admin:*']
    const guard = createGuard({ verifier, requiredScopes })
    requiredScopes[0] = 'read:users'
    expect(guard.options.requiredScopes).toEqual(['admin:*'])
  })

  it('answers a request without a token with ERR_MISSING_TOKEN, or null when optional', async () => {
    await expect(createGuard({ verifier }).authenticate([])).rejects.toMatchObject({ code: 'ERR_MISSING_TOKEN' })
    await expect(createGuard({ verifier, required: false }).authenticate([])).resolves.toBeNull()
  })

  it('answers two Authorization headers with ERR_INVALID_REQUEST and the guard realm', async () => {
    const guard = createGuard({ verifier, required: false, realm: 'orders' })
    const error = await guard.authenticate(['Authorization', 'Bearer a', 'authorization', 'Bearer b']).catch((e) => e)
    expect(error).toMatchObject({ code: 'ERR_INVALID_REQUEST', status: 400, realm: 'orders' })
  })
})

describe('authorizationFromRawHeaders', () => {
  it('returns undefined without an Authorization header', () => {
    expect(authorizationFromRawHeaders(['Host', 'a', 'X-Authorization', 'Bearer x'])).toBeUndefined()
  })

  it('returns the single value, whatever the name case', () => {
    expect(authorizationFromRawHeaders(['Host', 'a', 'aUtHoRiZaTiOn', 'Bearer x'])).toBe('Bearer x')
  })

  it('returns every value when the header is repeated, empty ones included', () => {
    expect(authorizationFromRawHeaders(['authorization', 'Bearer x', 'Authorization', ''])).toEqual(['Bearer x', ''])
  })
})

describe('scopeGate', () => {
  it('refuses an empty or invalid scope list with a TypeError', () => {
    expect(() => scopeGate('all', [], 'requireScopes')).toThrow(TypeError)
    expect(() => scopeGate('any', ['read users'], 'requireAnyScope')).toThrow(/"requireAnyScope"/)
  })

  it('answers ERR_MISSING_TOKEN with the realm when there is no caller', () => {
    const gate = scopeGate('all', ['read:users'], 'requireScopes')
    expect(gate(undefined, 'orders')).toMatchObject({ code: 'ERR_MISSING_TOKEN', status: 401, realm: 'orders' })
    expect(gate(null, undefined)).toMatchObject({ code: 'ERR_MISSING_TOKEN', realm: 'api' })
  })

  it('requires every scope for all-of, with the wildcard rule', () => {
    const gate = scopeGate('all', ['read:users', 'write:users'], 'requireScopes')
    expect(gate(caller(['read:*', 'write:users']), undefined)).toBeUndefined()
    const error = gate(caller(['read:users']), 'orders')
    expect(error).toMatchObject({ code: 'ERR_INSUFFICIENT_SCOPE', status: 403, realm: 'orders' })
    expect(error?.headers['WWW-Authenticate']).toContain('scope="read:users write:users"')
  })

  it('requires one scope for any-of', () => {
    const gate = scopeGate('any', ['read:users', 'admin:*'], 'requireAnyScope')
    expect(gate(caller(['admin:*']), undefined)).toBeUndefined()
    expect(gate(caller(['admin:users']), undefined)).toMatchObject({ code: 'ERR_INSUFFICIENT_SCOPE' })
  })

  it('is not fooled by a later change to the scope list it was given', () => {
    const scopes = ['admin:*']
    const gate = scopeGate('all', scopes, 'requireScopes')
    scopes[0] = 'read:users'
    expect(gate(caller(['read:users']), undefined)).toMatchObject({ code: 'ERR_INSUFFICIENT_SCOPE' })
  })
})
