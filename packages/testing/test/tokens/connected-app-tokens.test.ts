import { createStytchVerifier } from '@m2m-guard/core'
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'

const NOW = Date.UTC(2030, 0, 1)
let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer({ clock: () => NOW })
})

const verifierOf = (tokenKinds: readonly ('m2m' | 'connected-app')[], extra: object = {}) =>
  createStytchVerifier({
    projectId: issuer.projectId,
    tokenKinds,
    clock: () => NOW,
    fetch: async (input) => issuer.handle(new Request(input as string)),
    ...extra,
  })

describe('mint({ connectedApp })', () => {
  it('mints a consumer Connected Apps token in Stytch’s documented shape and claim order', async () => {
    const token = await issuer.mint({ connectedApp: true })
    const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(issuer.jwks()), {
      issuer: issuer.issuer,
      audience: issuer.projectId,
      currentDate: new Date(NOW),
    })
    expect(protectedHeader).toEqual({ alg: 'RS256', kid: issuer.currentKid, typ: 'JWT' })
    expect(Object.keys(payload)).toEqual(['iss', 'sub', 'aud', 'client_id', 'exp', 'nbf', 'iat', 'jti', 'scope'])
    expect(payload).toMatchObject({
      sub: expect.stringMatching(/^user-test-[0-9a-f-]{36}$/),
      aud: [issuer.projectId],
      client_id: 'connected-app-test-00000000-0000-4000-8000-000000000000',
      jti: expect.stringMatching(/^[\w-]{44}$/),
      scope: 'openid email profile phone',
      iat: NOW / 1000,
      exp: NOW / 1000 + 3600,
    })
  })

  it('mints B2B tokens with a member subject and the organization claim', async () => {
    const token = await issuer.mint({
      connectedApp: { b2b: { organizationId: 'organization-test-1', slug: 'acme' }, subject: 'member-test-1' },
      clientId: 'connected-app-test-mine',
      scopes: ['openid', 'read:users'],
    })
    expect(decodeJwt(token)).toMatchObject({
      sub: 'member-test-1',
      client_id: 'connected-app-test-mine',
      scope: 'openid read:users',
      'https://stytch.com/organization': { organization_id: 'organization-test-1', slug: 'acme' },
    })
  })

  it('adds custom audiences after the project id', async () => {
    const token = await issuer.mint({ connectedApp: { audiences: ['https://mcp.example.com'] } })
    expect(decodeJwt(token).aud).toEqual([issuer.projectId, 'https://mcp.example.com'])
  })

  it('produces tokens core classifies as Connected Apps tokens (consumer and B2B)', async () => {
    const verifier = verifierOf(['connected-app'])
    await expect(verifier.verify(await issuer.mint({ connectedApp: true }))).resolves.toMatchObject({
      kind: 'connected-app',
      organizationId: undefined,
    })
    await expect(
      verifier.verify(await issuer.mint({ connectedApp: { b2b: { organizationId: 'organization-test-9' } } })),
    ).resolves.toMatchObject({ kind: 'connected-app', organizationId: 'organization-test-9' })
  })
})

describe('hostile.connectedApp', () => {
  it('is a Connected Apps token carrying the requested scopes, refused by an M2M-only verifier', async () => {
    const token = await issuer.hostile.connectedApp({ scopes: ['read:users'], clientId: 'connected-app-test-x' })
    expect(decodeJwt(token)).toMatchObject({
      sub: expect.stringMatching(/^user-test-/),
      client_id: 'connected-app-test-x',
      scope: 'openid email read:users',
    })
    await expect(verifierOf(['m2m']).verify(token, { requiredScopes: ['read:users'] })).rejects.toMatchObject({
      code: 'ERR_TOKEN_TYPE',
      status: 401,
    })
  })
})
