// The round trip with @m2m-guard/core: tokens minted here verify with createStytchVerifier({ projectId }) through the
// msw handlers at Stytch's real host, and every hostile token is rejected with the code its helper documents.
import { createStytchVerifier, type M2MErrorCode } from '@m2m-guard/core'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type HostileTokens, type TestIssuer } from '../src/index.js'
import { unhandledIsError } from './support/msw-strict.js'

const server = setupServer()
let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer({ customDomain: 'https://login.example.com' })
  server.use(...issuer.handlers())
  // Loopback requests go to the real server of the listen() test; anything else unhandled is an error.
  server.listen(unhandledIsError((url) => url.hostname === '127.0.0.1'))
})
afterEach(() => {
  issuer.faults.reset()
  issuer.resetCounters()
})
afterAll(() => server.close())

const verifierFor = (target: TestIssuer = issuer) => createStytchVerifier({ projectId: target.projectId })

describe('round trip with @m2m-guard/core', () => {
  it('verifies a minted token with only the project id, fetching the JWKS once', async () => {
    const verifier = verifierFor()
    const token = await issuer.mint({ clientId: 'm2m-client-test-1', scopes: ['read:users'], customClaims: { t: 1 } })
    const auth = await verifier.verify(token, { requiredScopes: ['read:users'] })
    expect(auth).toMatchObject({ clientId: 'm2m-client-test-1', scopes: ['read:users'], customClaims: { t: 1 } })
    await verifier.verify(await issuer.mint({ scopes: ['read:users'] }))
    expect(issuer.counters.jwks).toBe(1)
  })

  it('verifies tokens from the fake token endpoint', async () => {
    const { client, clientSecret } = await issuer.clients.create({
      scopes: ['read:users'],
      trusted_metadata: { tenant: 'acme' },
    })
    const response = await fetch(issuer.tokenUrl, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: clientSecret,
      }),
    })
    const { access_token } = (await response.json()) as { access_token: string }
    const auth = await verifierFor().authenticate(`Bearer ${access_token}`, { requiredScopes: ['read:users'] })
    expect(auth).toMatchObject({ clientId: client.client_id, customClaims: { tenant: 'acme' } })
  })

  it('verifies tokens issued through the custom domain when the verifier knows the domain', async () => {
    const verifier = createStytchVerifier({ projectId: issuer.projectId, customDomains: ['https://login.example.com'] })
    const token = await issuer.mint({ issuer: 'https://login.example.com' })
    expect((await verifier.verify(token)).issuer).toBe('https://login.example.com')
  })

  it('picks up a rotated-in key by refetching the JWKS on the unknown kid once the cooldown has passed', async () => {
    let now = Date.now()
    const clock = () => now
    const local = await createTestIssuer({ projectId: 'project-test-11111111-1111-4111-8111-111111111111', clock })
    server.use(...local.handlers())
    const verifier = createStytchVerifier({ projectId: local.projectId, clock })
    await verifier.verify(await local.mint())
    await local.rotateKeys()
    now += 31_000
    await verifier.verify(await local.mint())
    expect(local.counters.jwks).toBe(2)
    // The other project on the same msw server is unaffected.
    await verifierFor().verify(await issuer.mint())
  })

  it('reports an unreachable JWKS as ERR_JWKS_UNAVAILABLE', async () => {
    issuer.faults.jwks('error')
    await expect(verifierFor().verify(await issuer.mint())).rejects.toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE' })
  })

  it('verifies through the loopback HTTP server with baseUrl', async () => {
    const running = await issuer.listen()
    try {
      const verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: running.url })
      expect((await verifier.verify(await issuer.mint({ scopes: ['a'] }))).scopes).toEqual(['a'])
    } finally {
      await running.close()
    }
  })

  it('verifies with issuer.handle() injected as the verifier’s fetch, without msw', async () => {
    const local = await createTestIssuer({ projectId: 'project-test-22222222-2222-4222-8222-222222222222' })
    const fakeFetch = (input: RequestInfo | URL, init?: RequestInit) => local.handle(new Request(input, init))
    const verifier = createStytchVerifier({ projectId: local.projectId, fetch: fakeFetch })
    expect((await verifier.verify(await local.mint({ clientId: 'c' }))).clientId).toBe('c')
    expect(local.counters.jwks).toBe(1)
  })

  const expected: [keyof HostileTokens, M2MErrorCode][] = [
    ['expired', 'ERR_TOKEN_EXPIRED'],
    ['notYetValid', 'ERR_TOKEN_NOT_YET_VALID'],
    ['wrongIssuer', 'ERR_TOKEN_ISSUER'],
    ['wrongAudience', 'ERR_TOKEN_AUDIENCE'],
    ['unknownKid', 'ERR_TOKEN_KEY_NOT_FOUND'],
    ['foreignKey', 'ERR_TOKEN_SIGNATURE'],
    ['tamperedPayload', 'ERR_TOKEN_SIGNATURE'],
    ['algNone', 'ERR_TOKEN_ALGORITHM'],
    ['hs256WithPublicKey', 'ERR_TOKEN_ALGORITHM'],
    ['missingExp', 'ERR_TOKEN_CLAIM_INVALID'],
    ['nonNumericExp', 'ERR_TOKEN_CLAIM_INVALID'],
    ['jkuHeader', 'ERR_TOKEN_HEADER'],
    ['jwkHeader', 'ERR_TOKEN_HEADER'],
    ['sessionJwt', 'ERR_TOKEN_TYPE'],
    ['connectedApp', 'ERR_TOKEN_TYPE'],
    ['oversized', 'ERR_TOKEN_TOO_LARGE'],
  ]

  it.each(expected)('rejects hostile.%s() with %s (401)', async (name, code) => {
    const token = await issuer.hostile[name]({ scopes: ['read:users'] })
    await expect(verifierFor().verify(token)).rejects.toMatchObject({ code, status: 401 })
  })

  it('covers every hostile helper', () => {
    expect(expected.map(([name]) => name).sort()).toEqual(Object.keys(issuer.hostile).sort())
  })
})
