import { describe, expect, it, vi } from 'vitest'
import {
  createTestIssuer,
  DEFAULT_PROJECT_ID,
  type FaultOptions,
  type ListenOptions,
  type MintOptions,
  type TestIssuerOptions,
} from '../src/index.js'

describe('createTestIssuer', () => {
  it('defaults to the zero test project at test.stytch.com', async () => {
    const issuer = await createTestIssuer()
    expect(issuer.projectId).toBe(DEFAULT_PROJECT_ID)
    expect(issuer.projectId).toBe('project-test-00000000-0000-4000-8000-000000000000')
    expect(issuer.issuer).toBe(`stytch.com/${DEFAULT_PROJECT_ID}`)
    expect(issuer.baseUrl).toBe('https://test.stytch.com')
    expect(issuer.jwksUrl).toBe(`https://test.stytch.com/v1/sessions/jwks/${DEFAULT_PROJECT_ID}`)
    expect(issuer.b2bJwksUrl).toBe(`https://test.stytch.com/v1/b2b/sessions/jwks/${DEFAULT_PROJECT_ID}`)
    expect(issuer.tokenUrl).toBe(`https://test.stytch.com/v1/public/${DEFAULT_PROJECT_ID}/oauth2/token`)
    expect(issuer.customDomain).toBeUndefined()
    expect(issuer.projectSecret).toMatch(/^secret-test-[\w-]{36}$/)
  })

  it('serves live project ids from api.stytch.com', async () => {
    const issuer = await createTestIssuer({ projectId: 'project-live-1' })
    expect(issuer.baseUrl).toBe('https://api.stytch.com')
    expect(issuer.projectSecret).toMatch(/^secret-live-/)
  })

  it('generates a different project secret per issuer and keeps a configured one', async () => {
    const [a, b] = await Promise.all([createTestIssuer(), createTestIssuer()])
    expect(a.projectSecret).not.toBe(b.projectSecret)
    expect((await createTestIssuer({ projectSecret: 'secret-test-fixed' })).projectSecret).toBe('secret-test-fixed')
  })

  it('normalizes baseUrl and customDomain to origins', async () => {
    const issuer = await createTestIssuer({
      baseUrl: 'https://stytch.internal.example/',
      customDomain: new URL('https://login.example.com'),
    })
    expect(issuer.baseUrl).toBe('https://stytch.internal.example')
    expect(issuer.customDomain).toBe('https://login.example.com')
    expect(issuer.jwksUrl).toBe(`https://stytch.internal.example/v1/sessions/jwks/${issuer.projectId}`)
  })

  it.each([
    ['projectId', { projectId: '' }],
    ['projectId', { projectId: 'project/../x' }],
    ['projectSecret', { projectSecret: '' }],
    ['tokenLifetime', { tokenLifetime: 0 }],
    ['tokenLifetime', { tokenLifetime: 1.5 }],
    ['clock', { clock: 5 as unknown as () => number }],
    ['baseUrl', { baseUrl: 'test.stytch.com' }],
    ['baseUrl', { baseUrl: 'https://test.stytch.com/v1' }],
    ['customDomain', { customDomain: 'ftp://login.example.com' }],
    ['customClaims', { customClaims: true as unknown as false }],
    // Core's URL rule: plain http: only to loopback, as a verifier or token source pointed at it would require.
    ['baseUrl', { baseUrl: 'http://stytch.internal.example' }],
    ['customDomain', { customDomain: 'http://foo.localhost' }],
  ])('rejects an invalid %s with a TypeError naming it', async (option, options) => {
    await expect(createTestIssuer(options)).rejects.toThrow(TypeError)
    await expect(createTestIssuer(options)).rejects.toThrow(`m2m-guard: option "${option}" must be`)
  })

  it('refuses an unknown option, naming createTestIssuer and suggesting the close name', async () => {
    const options = { tokenLifeTime: 60 } as unknown as TestIssuerOptions
    await expect(createTestIssuer(options)).rejects.toThrow(
      'm2m-guard: createTestIssuer does not know the option "tokenLifeTime" (did you mean "tokenLifetime"?)',
    )
  })

  it('refuses unknown mint options, nested ones by their path', async () => {
    const issuer = await createTestIssuer()
    await expect(issuer.mint({ scope: 'read:users' } as MintOptions)).rejects.toThrow(
      'mint does not know the option "scope" (did you mean "scopes"?)',
    )
    await expect(issuer.mint({ connectedApp: { subjet: 'user-test-1' } } as MintOptions)).rejects.toThrow(
      'mint does not know the option "connectedApp.subjet"',
    )
    await expect(issuer.mint({ connectedApp: { b2b: { org: 'x' } } } as MintOptions)).rejects.toThrow(
      'mint does not know the option "connectedApp.b2b.org"',
    )
    await expect(issuer.mint({ customClaims: { sub: 'x' } })).rejects.toThrow('option "customClaims.sub"')
  })

  it("refuses unknown options of hostile helpers, accepting each helper's own", async () => {
    const issuer = await createTestIssuer()
    await expect(issuer.hostile.expired({ expiredFor: 60 })).resolves.toMatch(/^eyJ/)
    await expect(issuer.hostile.expired({ expiresFor: 60 } as MintOptions)).rejects.toThrow(
      'hostile.expired does not know the option "expiresFor" (did you mean "expiredFor"?)',
    )
    await expect(issuer.hostile.algNone({ size: 10 } as MintOptions)).rejects.toThrow(
      'hostile.algNone does not know the option "size"',
    )
  })

  it('refuses unknown listen() and fault options by name', async () => {
    const issuer = await createTestIssuer()
    await expect(issuer.listen({ hostname: 'localhost' } as ListenOptions)).rejects.toThrow(
      'listen does not know the option "hostname"',
    )
    await expect(issuer.listen({ host: '0.0.0.0' })).rejects.toThrow('option "host"')
    expect(() => issuer.faults.jwks('error', { statuss: 503 } as FaultOptions)).toThrow(
      'faults.jwks does not know the option "statuss"',
    )
    expect(() => issuer.faults.token('broken' as never)).toThrow('option "mode"')
  })

  it('uses tokenLifetime for minted tokens', async () => {
    const issuer = await createTestIssuer({ tokenLifetime: 60, clock: () => 1_000_000 })
    const [, payload] = (await issuer.mint()).split('.')
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as { exp: number; iat: number }
    expect(claims.exp - claims.iat).toBe(60)
  })

  it('throws ERR_MSW_MISSING from handlers() when msw cannot be loaded', async () => {
    vi.resetModules()
    vi.doMock('msw', () => {
      throw new Error('Cannot find package msw')
    })
    try {
      const { createTestIssuer: fresh } = await import('../src/index.js')
      const issuer = await fresh()
      expect(() => issuer.handlers()).toThrow(expect.objectContaining({ code: 'ERR_MSW_MISSING' }))
      // Everything else works without msw.
      expect(typeof (await issuer.mint())).toBe('string')
    } finally {
      vi.doUnmock('msw')
      vi.resetModules()
    }
  })
})
