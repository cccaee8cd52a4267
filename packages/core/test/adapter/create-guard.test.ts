import { describe, expect, it } from 'vitest'
import { createGuard, type Guard, type GuardResult, type M2MAuthOptions } from '../../src/adapter/index.js'
import { createStytchVerifier, InvalidTokenError, type M2MAuth, type Verifier } from '../../src/index.js'
import { VERIFIER_CHECK } from '../../src/verify/verifier-check.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-guard')
const projectId = 'project-test-00000000-0000-4000-8000-000000000000'
const verifier = createStytchVerifier({ projectId })
const make = (options: unknown, name = 'm2mAuth'): Guard => createGuard(options as M2MAuthOptions, { name })
const stytchVerifier = () =>
  createStytchVerifier({ projectId: PROJECT_ID, jwks: new StaticJwks(key), clock: () => NOW * 1000 })
const request = (authorization?: string | string[], method = 'GET') => {
  const values = authorization === undefined ? [] : [authorization].flat()
  return { method, rawHeaders: values.flatMap((value) => ['Authorization', value]) }
}

describe('createGuard: options, checked once at creation', () => {
  it.each<[string, unknown, RegExp]>([
    ['no options at all', undefined, /options of m2mAuth\(\)/],
    ['neither verifier nor projectId', { requiredScopes: ['read:users'] }, /"verifier" or "projectId"/],
    ['both verifier and projectId', { verifier, projectId }, /"projectId" cannot be combined with "verifier"/],
    ['a Stytch option next to verifier', { verifier, baseUrl: 'http://127.0.0.1:1' }, /"baseUrl"/],
    ['a verifier that is not one', { verifier: {} }, /"verifier"/],
    ['an invalid projectId', { projectId: 'my-project' }, /"projectId"/],
    ['requiredScopes as a string', { verifier, requiredScopes: 'read:users' }, /"requiredScopes"/],
    ['a required scope with a space', { verifier, requiredScopes: ['read:users write:users'] }, /"requiredScopes"/],
    ['an any-of scope with a quote', { verifier, anyScopes: ['read:"users'] }, /"anyScopes"/],
    ['scopeCheck that is not a function', { verifier, scopeCheck: true }, /"scopeCheck"/],
    ['a negative maxTokenAge', { verifier, maxTokenAge: -1 }, /"maxTokenAge"/],
    ['a maxTokenAge above one day', { verifier, maxTokenAge: 86_401 }, /"maxTokenAge"/],
    ['a maxTokenAge that is not a number', { verifier, maxTokenAge: '60' }, /"maxTokenAge"/],
    ['required as a string', { verifier, required: 'false' }, /"required"/],
    ['an empty realm', { verifier, realm: '' }, /"realm"/],
    ['a realm with a line break', { verifier, realm: 'a\r\nb' }, /"realm"/],
    ['an unknown errorHandling', { verifier, errorHandling: 'throw' }, /"errorHandling"/],
  ])('refuses %s with a TypeError naming the option', (_, options, name) => {
    expect(() => make(options)).toThrow(TypeError)
    expect(() => make(options)).toThrow(name)
  })

  it('names the function the user called and suggests the option meant (issue 20 point 6)', () => {
    expect(() => make({ projectId, requireScopes: ['read:users'] })).toThrow(
      'm2m-guard: m2mAuth does not know the option "requireScopes" (did you mean "requiredScopes"?)',
    )
    expect(() => make({ verifier, requireScopes: ['read:users'] }, 'm2mGuard')).toThrow(
      'm2m-guard: m2mGuard does not know the option "requireScopes" (did you mean "requiredScopes"?)',
    )
    expect(() => make({ projectId, jwks: { cacheMaxAg: 1 } })).toThrow(
      /m2mAuth does not know the option "jwks.cacheMaxAg"/,
    )
  })

  it('is immutable, and keeps its own copy of the scope lists', () => {
    const requiredScopes = ['admin:*']
    const guard = make({ verifier, requiredScopes, realm: 'orders', errorHandling: 'delegate' })
    requiredScopes[0] = 'read:users'
    expect(guard.options.requiredScopes).toEqual(['admin:*'])
    expect(Object.isFrozen(guard)).toBe(true)
    expect(Object.isFrozen(guard.options)).toBe(true)
    expect(guard).toMatchObject({ realm: 'orders', delegate: true })
    expect(make({ verifier }).realm).toBe('api')
  })
})

describe('guard.authenticate: one call per request, values not rejections', () => {
  it('answers a cache hit in the same tick, with one call to the verifier', async () => {
    const v = stytchVerifier()
    let calls = 0
    const check = (v as unknown as Record<symbol, (...args: unknown[]) => unknown>)[VERIFIER_CHECK]
    const counting = Object.assign(Object.create(v) as Verifier, {
      [VERIFIER_CHECK]: (...args: unknown[]) => {
        calls++
        return check?.apply(v, args)
      },
    })
    const guard = make({ verifier: counting })
    const token = stytchToken(key, NOW)
    const first = guard.authenticate(request(`Bearer ${token}`))
    expect(first).toBeInstanceOf(Promise)
    const settled = await first
    expect(settled).toMatchObject({ ok: true, preflight: false, auth: { kind: 'm2m' } })
    const second = guard.authenticate(request(`Bearer ${token}`)) as GuardResult
    expect(second).not.toBeInstanceOf(Promise)
    expect(second.ok && second.auth).toBe(settled.ok && settled.auth)
    expect(calls).toBe(2)
  })

  it('returns failures as values, synchronously when known without verifying', async () => {
    const guard = make({ verifier: stytchVerifier() })
    expect(guard.authenticate(request())).toMatchObject({ ok: false, error: { code: 'ERR_MISSING_TOKEN' } })
    expect(guard.authenticate(request(['Bearer a', 'Bearer b']))).toMatchObject({
      ok: false,
      error: { code: 'ERR_INVALID_REQUEST' },
    })
    const late = guard.authenticate(request(`Bearer ${stytchToken(key, NOW - 7200)}`))
    await expect(late).resolves.toMatchObject({ ok: false, error: { code: 'ERR_TOKEN_EXPIRED' } })
    expect(make({ verifier, required: false }).authenticate(request())).toMatchObject({ ok: true, auth: null })
  })

  it('lets a CORS preflight through without calling the verifier', () => {
    const never = {
      authenticate: () => {
        throw new Error('the verifier was called')
      },
    } as unknown as Verifier
    const preflight = { method: 'OPTIONS', headers: { 'access-control-request-method': 'GET' } }
    expect(make({ verifier: never }).authenticate(preflight)).toEqual({ ok: true, auth: null, preflight: true })
  })

  it('works with a hand-written verifier that has only authenticate()', async () => {
    const auth = { kind: 'm2m', scopes: ['read:users'] } as unknown as M2MAuth
    const handWritten = { authenticate: async () => auth } as unknown as Verifier
    await expect(make({ verifier: handWritten }).authenticate(request('Bearer x'))).resolves.toEqual({
      ok: true,
      auth,
      preflight: false,
    })
  })

  it('hands an error that is not coded on as it is (a bug, for the framework)', async () => {
    const bug = new Error('boom')
    const handWritten = { authenticate: () => Promise.reject(bug) } as unknown as Verifier
    const result = await make({ verifier: handWritten }).authenticate(request('Bearer x'))
    expect(result).toEqual({ ok: false, error: bug })
    expect(make({ verifier: handWritten }).render(bug)).toBeUndefined()
  })
})

describe('guard.render and delegate mode: the realm is applied, errors are not changed', () => {
  it('renders with the guard realm, leaving the error as it was', () => {
    const error = new InvalidTokenError('ERR_TOKEN_EXPIRED')
    const response = make({ verifier, realm: 'orders' }).render(error)
    expect(response?.status).toBe(401)
    expect(response?.headers['WWW-Authenticate']).toMatch(/^Bearer realm="orders", error="invalid_token"/)
    expect(error.realm).toBe('api')
  })

  it('renders an error of another copy of core, recognised by brand', () => {
    const foreign = Object.assign(new Error('The access token lacks a required scope'), {
      [Symbol.for('m2m-guard.error')]: true,
      code: 'ERR_INSUFFICIENT_SCOPE',
      status: 403,
      error: 'insufficient_scope',
      requiredScopes: ['read:users'],
    })
    expect(make({ verifier, realm: 'orders' }).render(foreign)).toEqual({
      status: 403,
      headers: {
        'Cache-Control': 'no-store',
        'WWW-Authenticate':
          'Bearer realm="orders", error="insufficient_scope", error_description="The access token lacks a required scope", scope="read:users"',
      },
      body: { error: 'insufficient_scope', error_description: 'The access token lacks a required scope' },
    })
  })

  it('hands delegated errors on as copies carrying the guard realm', async () => {
    const guard = make({ verifier: stytchVerifier(), realm: 'orders', errorHandling: 'delegate' })
    const result = guard.authenticate(request()) as GuardResult
    expect(result.ok).toBe(false)
    const error = (result as { error: InvalidTokenError }).error
    expect(error).toMatchObject({ code: 'ERR_MISSING_TOKEN', realm: 'orders' })
    expect(error.headers['WWW-Authenticate']).toBe('Bearer realm="orders"')
  })
})

describe('guard.derive and guard.scopeGate', () => {
  it('validates route options at once, naming the option with its prefix and suggesting', () => {
    const guard = make({ verifier }, 'm2mGuard')
    expect(() => guard.derive({ scopes: ['a'] } as never, 'config.m2m.')).toThrow(
      'm2m-guard: m2mGuard does not know the option "config.m2m.scopes" (did you mean "config.m2m.requiredScopes"?)',
    )
    expect(() => guard.derive({ maxTokenAge: 90_000 }, 'config.m2m.')).toThrow(/"config.m2m.maxTokenAge"/)
    expect(() => guard.derive({ requiredScopes: [] }, 'config.m2m.')).toThrow(/"config.m2m.requiredScopes"/)
  })

  it('adds route scopes to the guard rules, sharing the verifier', async () => {
    const base = make({ verifier: stytchVerifier(), realm: 'orders' })
    const route = base.derive({ requiredScopes: ['admin'] }, 'config.m2m.')
    const token = stytchToken(key, NOW, { scope: 'read:users' })
    await expect(base.authenticate(request(`Bearer ${token}`))).resolves.toMatchObject({ ok: true })
    const refused = route.authenticate(request(`Bearer ${token}`)) as GuardResult
    expect(refused).toMatchObject({ ok: false, error: { code: 'ERR_INSUFFICIENT_SCOPE' } })
    expect(route.render((refused as { error: unknown }).error)?.headers['WWW-Authenticate']).toContain('realm="orders"')
  })

  it('builds scope gates bound to the guard, with a message that speaks of the call', () => {
    const guard = make({ verifier, realm: 'orders', errorHandling: 'delegate' })
    expect(() => guard.scopeGate('all', [], 'requireScopes()')).toThrow(
      'm2m-guard: requireScopes() needs at least one scope such as "read:users"',
    )
    const gate = guard.scopeGate('any', ['read:users', 'admin'], 'requireAnyScope()')
    expect(gate({ scopes: ['admin'] } as unknown as M2MAuth)).toBeUndefined()
    expect(gate(undefined)).toMatchObject({ ok: false, error: { code: 'ERR_MISSING_TOKEN', realm: 'orders' } })
  })
})
