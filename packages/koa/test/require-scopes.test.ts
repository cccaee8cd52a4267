import { createStytchVerifier } from '@m2m-guard/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { m2mAuth, requireAnyScope, requireScopes } from '../src/index.js'
import { capture, type FakeStytch, fakeStytch, get } from './helpers/fake-stytch.js'

let stytch: FakeStytch
beforeAll(async () => {
  stytch = await fakeStytch()
})
afterAll(() => stytch.close())

describe('requireScopes and requireAnyScope (Koa)', () => {
  it('refuse to be created without a valid scope', () => {
    expect(() => requireAnyScope()).toThrow(TypeError)
    expect(() => requireScopes('read:"users')).toThrow(TypeError)
  })

  it('answer 401 ERR_MISSING_TOKEN when no m2mAuth ran before them', async () => {
    const { res } = await get([requireAnyScope('read:users')])
    expect(res.status).toBe(401)
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="api"')
  })

  it('check ctx.state.m2m without verifying again', async () => {
    const verifier = createStytchVerifier(stytch.stytch)
    const verify = vi.spyOn(verifier, 'verify')
    const check = vi.spyOn(verifier, Symbol.for('m2m-guard.verifier.check') as never)
    const token = await stytch.issuer.mint({ scopes: ['read:users'] })
    const { res } = await get(
      [m2mAuth({ verifier }), requireScopes('read:users'), requireAnyScope('read:*', 'read:users')],
      `Bearer ${token}`,
    )
    expect(res.status).toBe(200)
    // One call per request to core, by the authenticating middleware; the gates read ctx.state.m2m.
    expect(check).toHaveBeenCalledTimes(1)
    expect(verify).not.toHaveBeenCalled()
  })

  it('answer with the realm and error mode of the m2mAuth before them', async () => {
    const seen: unknown[] = []
    const auth = m2mAuth({ ...stytch.stytch, realm: 'orders', errorHandling: 'delegate' })
    const { res } = await get(
      [capture(seen), auth, auth.requireScopes('admin:*')],
      `Bearer ${await stytch.issuer.mint({ scopes: ['read:users'] })}`,
    )
    expect(res.status).toBe(599)
    expect(seen[0]).toMatchObject({ code: 'ERR_INSUFFICIENT_SCOPE', status: 403, realm: 'orders' })
    expect((seen[0] as { headers: Record<string, string> }).headers['WWW-Authenticate']).toMatch(
      /^Bearer realm="orders"/,
    )
  })

  it('standalone: answer themselves with the default realm, reading nothing the m2mAuth left on the context', async () => {
    const seen: unknown[] = []
    const auth = m2mAuth({ ...stytch.stytch, realm: 'orders', errorHandling: 'delegate' })
    const { res } = await get(
      [capture(seen), auth, requireScopes('admin:*')],
      `Bearer ${await stytch.issuer.mint({ scopes: ['read:users'] })}`,
    )
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="api", error="insufficient_scope"/)
    expect(seen).toEqual([])
  })

  it('say which call needs a scope when given none', () => {
    expect(() => requireScopes()).toThrow('m2m-guard: requireScopes() needs at least one scope such as "read:users"')
    expect(() => m2mAuth(stytch.stytch).requireAnyScope()).toThrow('requireAnyScope() needs at least one scope')
  })

  it('report the any-of scopes in the challenge', async () => {
    const token = await stytch.issuer.mint({ scopes: ['read:users'] })
    const { res } = await get([m2mAuth(stytch.stytch), requireAnyScope('write:users', 'admin:*')], `Bearer ${token}`)
    expect(res.status).toBe(403)
    expect(res.headers.get('www-authenticate')).toContain('scope="write:users admin:*"')
  })
})
