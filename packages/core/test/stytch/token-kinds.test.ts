import { describe, expect, it } from 'vitest'
import { createGuard } from '../../src/adapter/index.js'
import {
  classifyStytchToken,
  createStytchVerifier,
  createVerifier,
  hasRequiredScopes,
  type M2MAuthError,
} from '../../src/index.js'
import { ISSUER, makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-kinds')
const ORG = 'https://stytch.com/organization'
const SESSION = 'https://stytch.com/session'

/** Stytch's documented Connected Apps access token (consumer), as issued through the stytch.com domain. */
const connectedApp = (overrides: Record<string, unknown> = {}) => ({
  sub: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6',
  client_id: 'connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885',
  jti: 'LOe49j3s9d9dmacslUvrb15ZIjPbptMm7fS5UlE52JCF',
  scope: 'openid email read:users',
  ...overrides,
})
const b2bConnectedApp = (overrides: Record<string, unknown> = {}) =>
  connectedApp({
    sub: 'member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f',
    [ORG]: { organization_id: 'organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931', slug: 'acme' },
    ...overrides,
  })

const verifierFor = (extra: Record<string, unknown> = {}) =>
  createStytchVerifier({ projectId: PROJECT_ID, jwks: new StaticJwks(key), clock: () => NOW * 1000, ...extra })

async function failure(promise: Promise<unknown>): Promise<M2MAuthError> {
  try {
    await promise
  } catch (error) {
    return error as M2MAuthError
  }
  throw new Error('expected a rejection')
}

describe('classifyStytchToken', () => {
  it.each([
    ['an M2M token', { sub: 'm2m-client-test-1' }, 'm2m'],
    ['an M2M token with a custom client id', { sub: 'billing-worker' }, 'm2m'],
    ['a session JWT', { sub: 'user-test-1', [SESSION]: {} }, 'session'],
    ['a session claim that is null', { sub: 'm2m-client-test-1', [SESSION]: null }, 'session'],
    ['a B2B session JWT', { sub: 'member-test-1', [SESSION]: {}, [ORG]: { organization_id: 'o' } }, 'session'],
    ['a consumer Connected Apps token', connectedApp(), 'connected-app'],
    ['a B2B Connected Apps token', b2bConnectedApp(), 'connected-app'],
    ['client_id that is not a string', connectedApp({ client_id: ['a'] }), 'unknown'],
    ['client_id that is empty', connectedApp({ client_id: '' }), 'unknown'],
    [
      'client_id on a machine subject (an M2M template emitting client_id)',
      connectedApp({ sub: 'm2m-client-test-1' }),
      'unknown',
    ],
    ['a member subject without organization', connectedApp({ sub: 'member-test-1' }), 'unknown'],
    [
      'a member subject with an organization lacking organization_id',
      b2bConnectedApp({ [ORG]: { slug: 'a' } }),
      'unknown',
    ],
    ['a user subject with an organization claim', connectedApp({ [ORG]: { organization_id: 'o' } }), 'unknown'],
    ['a user subject without client_id or session', { sub: 'user-test-1' }, 'unknown'],
    ['a member subject without client_id or session', { sub: 'member-test-1' }, 'unknown'],
    [
      'an organization claim on a machine subject',
      { sub: 'm2m-client-test-1', [ORG]: { organization_id: 'o' } },
      'unknown',
    ],
  ])('%s → %s', (_name, payload, shape) => {
    expect(classifyStytchToken(payload)).toBe(shape)
  })
})

describe('token kinds of createStytchVerifier', () => {
  it('refuses a Connected Apps token on a default (M2M-only) verifier, even with the scope required (issue 12)', async () => {
    const token = stytchToken(key, NOW, connectedApp())
    const error = await failure(verifierFor().verify(token, { requiredScopes: ['read:users'] }))
    expect(error).toMatchObject({ code: 'ERR_TOKEN_TYPE', status: 401, error: 'invalid_token' })
    expect(error.message).toMatch(/Connected Apps access token/)
    expect(error.headers['WWW-Authenticate']).toContain('error="invalid_token"')
    // No token contents in what the client sees.
    expect(error.headers['WWW-Authenticate']).not.toContain('connected-app-test')
    expect(error.headers['WWW-Authenticate']).not.toContain('user-test')
  })

  it('refuses B2B Connected Apps tokens on a default verifier', async () => {
    const error = await failure(verifierFor().verify(stytchToken(key, NOW, b2bConnectedApp())))
    expect(error.code).toBe('ERR_TOKEN_TYPE')
  })

  it('accepts Connected Apps tokens where asked, with the user and the app told apart', async () => {
    const auth = await verifierFor({ tokenKinds: ['connected-app'] }).verify(stytchToken(key, NOW, connectedApp()))
    expect(auth).toMatchObject({
      kind: 'connected-app',
      subject: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6',
      clientId: 'connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885',
      organizationId: undefined,
      scopes: ['openid', 'email', 'read:users'],
      issuer: ISSUER,
    })
    expect(auth.customClaims).toEqual({ client_id: 'connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885' })
    expect(auth.expiresAt.getTime()).toBe((NOW + 3600) * 1000)
  })

  it('gives the organization of B2B Connected Apps tokens', async () => {
    const auth = await verifierFor({ tokenKinds: ['connected-app'] }).verify(stytchToken(key, NOW, b2bConnectedApp()))
    expect(auth).toMatchObject({
      kind: 'connected-app',
      subject: 'member-test-32fc5024-9c09-4da3-bd2e-c9ce4da9375f',
      organizationId: 'organization-test-07971b06-ac8b-4cdb-9c15-63b17e653931',
    })
  })

  it('refuses M2M tokens on a Connected-Apps-only verifier', async () => {
    const error = await failure(verifierFor({ tokenKinds: ['connected-app'] }).verify(stytchToken(key, NOW)))
    expect(error.code).toBe('ERR_TOKEN_TYPE')
    expect(error.message).toMatch(/M2M access token/)
  })

  it('accepts both kinds when both are listed, each with its kind', async () => {
    const verifier = verifierFor({ tokenKinds: ['m2m', 'connected-app'] })
    const machine = await verifier.verify(stytchToken(key, NOW))
    const app = await verifier.verify(stytchToken(key, NOW, connectedApp()))
    expect(machine).toMatchObject({ kind: 'm2m', clientId: 'm2m-client-test-1' })
    expect(app).toMatchObject({
      kind: 'connected-app',
      clientId: 'connected-app-test-d731954d-dab3-4a2b-bdee-07f3ad1be885',
    })
  })

  it.each([
    ['a session JWT', { sub: 'user-test-1', [SESSION]: { id: 's' } }],
    ['a B2B session JWT', { sub: 'member-test-1', [SESSION]: { id: 's' }, [ORG]: { organization_id: 'o' } }],
    ['a user subject without client_id', { sub: 'user-test-1' }],
    ['client_id that is not a string', connectedApp({ client_id: 7 })],
  ])('refuses %s whatever the accepted kinds (fail closed)', async (_name, claims) => {
    const error = await failure(
      verifierFor({ tokenKinds: ['m2m', 'connected-app'] }).verify(stytchToken(key, NOW, claims)),
    )
    expect(error.code).toBe('ERR_TOKEN_TYPE')
  })

  it('says why an M2M token carrying client_id is refused', async () => {
    const token = stytchToken(key, NOW, { client_id: 'from-a-template' })
    const error = await failure(verifierFor({ tokenKinds: ['m2m', 'connected-app'] }).verify(token))
    expect(error.code).toBe('ERR_TOKEN_TYPE')
    expect(error.message).toMatch(/client_id/)
  })

  it('keeps generic createVerifier results as kind m2m with clientId = sub', async () => {
    const verifier = createVerifier({
      issuers: [ISSUER],
      audience: PROJECT_ID,
      jwksUri: 'https://example.com/jwks',
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
    })
    const auth = await verifier.verify(stytchToken(key, NOW, connectedApp()))
    expect(auth).toMatchObject({ kind: 'm2m', clientId: 'user-test-16d9ba61-97a1-4ba4-9720-b03761dc50c6' })
  })

  it.each([[[]], ['m2m'], [['session']], [['m2m', 'm2m']], [['M2M']], [[1]]])(
    'refuses tokenKinds %j with a TypeError naming the option',
    (tokenKinds) => {
      expect(() => createStytchVerifier({ projectId: PROJECT_ID, tokenKinds } as never)).toThrow(
        new TypeError(
          'm2m-guard: option "tokenKinds" must be a non-empty array of distinct token kinds: "m2m", "connected-app"',
        ),
      )
    },
  )
})

describe('requiredAudience', () => {
  const resource = 'https://mcp.example.com'

  it('requires the audience in addition to the project id', async () => {
    const verifier = verifierFor({ tokenKinds: ['connected-app'], requiredAudience: resource })
    const auth = await verifier.verify(stytchToken(key, NOW, connectedApp({ aud: [PROJECT_ID, resource] })))
    expect(auth.kind).toBe('connected-app')
    const without = await failure(verifier.verify(stytchToken(key, NOW, connectedApp())))
    expect(without.code).toBe('ERR_TOKEN_AUDIENCE')
    const withoutProject = await failure(verifier.verify(stytchToken(key, NOW, connectedApp({ aud: [resource] }))))
    expect(withoutProject.code).toBe('ERR_TOKEN_AUDIENCE')
  })

  it('changes nothing when not set', async () => {
    const auth = await verifierFor().verify(stytchToken(key, NOW, { aud: [PROJECT_ID, resource] }))
    expect(auth.kind).toBe('m2m')
  })

  it.each([[''], [42], [[resource]]])('refuses %j with a TypeError naming the option', (requiredAudience) => {
    expect(() => createStytchVerifier({ projectId: PROJECT_ID, requiredAudience } as never)).toThrow(
      /option "requiredAudience"/,
    )
  })
})

describe('cached results are deeply immutable (issue 11, finding 5)', () => {
  const claims = { tenant: { roles: ['reader'] }, aud: [PROJECT_ID, 'https://api.example.com'] }

  it('refuses changes to nested claims, aud and scopes in strict mode', async () => {
    const auth = await verifierFor().verify(stytchToken(key, NOW, claims))
    const tenant = auth.customClaims.tenant as { roles: string[] }
    expect(() => tenant.roles.push('admin')).toThrow(TypeError)
    expect(() => (auth.claims.aud as string[]).push('evil')).toThrow(TypeError)
    expect(() => (auth.scopes as string[]).push('admin:*')).toThrow(TypeError)
    expect(() => {
      ;(auth.claims as Record<string, unknown>).sub = 'someone-else'
    }).toThrow(TypeError)
  })

  it('does not let one request change what the next one with the same token gets', async () => {
    const verifier = verifierFor()
    const token = stytchToken(key, NOW, claims)
    const first = await verifier.verify(token)
    try {
      ;(first.customClaims.tenant as { roles: string[] }).roles.push('admin')
    } catch {}
    try {
      ;(first.claims.aud as string[])[0] = 'changed'
    } catch {}
    first.expiresAt.setFullYear(2100)
    first.issuedAt.setTime(0)
    const second = await verifier.verify(token)
    // The second call is a cache hit: the same shared result, unchanged.
    expect(second.token).toBe(first.token)
    expect(second.customClaims.tenant).toEqual({ roles: ['reader'] })
    expect(second.claims.aud).toEqual([PROJECT_ID, 'https://api.example.com'])
    expect(second.expiresAt.getTime()).toBe((NOW + 3600) * 1000)
    expect(second.issuedAt.getTime()).toBe(NOW * 1000)
    expect(second.expiresAt).not.toBe(second.expiresAt)
    expect(hasRequiredScopes(second.scopes, ['read:users'])).toBe(true)
  })

  it('keeps dates readable as fields when the result is copied or serialised', async () => {
    const auth = await verifierFor().verify(stytchToken(key, NOW))
    expect({ ...auth }.expiresAt).toEqual(new Date((NOW + 3600) * 1000))
    expect(JSON.parse(JSON.stringify(auth)).issuedAt).toBe(new Date(NOW * 1000).toISOString())
  })
})

describe('tokenKinds through the adapters’ guard', () => {
  const request = (token: string) => ({ rawHeaders: ['Authorization', `Bearer ${token}`] })
  const guardFor = (extra: Record<string, unknown>) => {
    const guard = createGuard(
      { projectId: PROJECT_ID, jwks: new StaticJwks(key), clock: () => NOW * 1000, ...extra } as never,
      { name: 'm2mAuth' },
    )
    // The guard answers with values; turned back into a promise here to read like the verifier's tests.
    return {
      authenticate: async (req: { rawHeaders: string[] }) => {
        const result = await guard.authenticate(req)
        if (!result.ok) throw result.error
        return result.auth
      },
    }
  }

  it('passes tokenKinds and requiredAudience on to the Stytch verifier', async () => {
    const token = stytchToken(key, NOW, connectedApp({ aud: [PROJECT_ID, 'https://api.example.com'] }))
    await expect(guardFor({}).authenticate(request(token))).rejects.toMatchObject({ code: 'ERR_TOKEN_TYPE' })
    const both = guardFor({ tokenKinds: ['m2m', 'connected-app'], requiredAudience: 'https://api.example.com' })
    await expect(both.authenticate(request(token))).resolves.toMatchObject({ kind: 'connected-app' })
    const elsewhere = guardFor({ tokenKinds: ['connected-app'], requiredAudience: 'https://other.example.com' })
    await expect(elsewhere.authenticate(request(token))).rejects.toMatchObject({ code: 'ERR_TOKEN_AUDIENCE' })
  })

  it('refuses an invalid tokenKinds at creation', () => {
    expect(() => guardFor({ tokenKinds: [] })).toThrow(/option "tokenKinds"/)
  })
})
