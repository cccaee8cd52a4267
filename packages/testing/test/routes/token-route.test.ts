import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { basic, json, requestToken, send } from '../support/requests.js'

const NOW = Date.UTC(2030, 0, 1)
let issuer: TestIssuer
let clientId: string
let clientSecret: string

beforeAll(async () => {
  issuer = await createTestIssuer({ clock: () => NOW })
  const created = await issuer.clients.create({
    scopes: ['read:users', 'write:users'],
    trusted_metadata: { tenant: 'acme', sub: 'ignored' },
  })
  clientId = created.client.client_id
  clientSecret = created.clientSecret
})

const credentials = () => ({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret })
const tokenPath = () => `/v1/public/${issuer.projectId}/oauth2/token`

async function expectOAuthError(response: Response, status: number, error: string): Promise<void> {
  expect(response.status).toBe(status)
  expect(response.headers.get('cache-control')).toBe('no-store')
  expect(await json(response)).toEqual({
    status_code: status,
    request_id: expect.stringMatching(/^request-id-test-/),
    error,
    error_description: expect.any(String),
    error_uri: `https://stytch.com/docs/api/errors/${status}`,
  })
}

describe('token endpoint', () => {
  it('issues a Stytch-shaped bearer token for form-encoded client credentials', async () => {
    const response = await requestToken(issuer, credentials())
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('pragma')).toBe('no-cache')
    const body = await json(response)
    expect(body).toEqual({
      status_code: 200,
      request_id: expect.stringMatching(/^request-id-test-/),
      access_token: expect.any(String),
      token_type: 'bearer',
      expires_in: 3600,
    })
    const { payload } = await jwtVerify(body.access_token as string, createLocalJWKSet(issuer.jwks()), {
      issuer: issuer.issuer,
      audience: issuer.projectId,
      currentDate: new Date(NOW),
    })
    expect(payload).toEqual({
      sub: clientId,
      iss: issuer.issuer,
      aud: [issuer.projectId],
      scope: 'read:users write:users',
      iat: NOW / 1000,
      nbf: NOW / 1000,
      exp: NOW / 1000 + 3600,
      tenant: 'acme',
    })
  })

  it('accepts a JSON body', async () => {
    const response = await send(issuer, 'POST', tokenPath(), {
      body: JSON.stringify(credentials()),
      headers: { 'content-type': 'application/json' },
    })
    expect(response.status).toBe(200)
  })

  it('accepts client credentials in an HTTP Basic header, form-decoded (RFC 6749 §2.3.1)', async () => {
    const custom = await issuer.clients.create({ scopes: [], client_id: 'id with:colon', client_secret: 'secret+plus' })
    const authorization = basic(encodeURIComponent('id with:colon'), encodeURIComponent('secret+plus'))
    const response = await requestToken(issuer, { grant_type: 'client_credentials' }, { authorization })
    expect(response.status).toBe(200)
    expect(decodeJwt((await json(response)).access_token as string).sub).toBe(custom.client.client_id)
  })

  it('grants only the requested scopes, deduplicated, when they are the client’s', async () => {
    const response = await requestToken(issuer, { ...credentials(), scope: 'write:users  write:users' })
    expect(decodeJwt((await json(response)).access_token as string).scope).toBe('write:users')
  })

  it('grants all the client’s scopes for an omitted or empty scope', async () => {
    const response = await requestToken(issuer, { ...credentials(), scope: '' })
    expect(decodeJwt((await json(response)).access_token as string).scope).toBe('read:users write:users')
  })

  it('refuses scopes beyond the client’s with invalid_scope', async () => {
    await expectOAuthError(
      await requestToken(issuer, { ...credentials(), scope: 'read:users admin:*' }),
      400,
      'invalid_scope',
    )
  })

  it('requires grant_type (invalid_request) and refuses other grants (unsupported_grant_type)', async () => {
    const { grant_type: _omitted, ...withoutGrant } = credentials()
    await expectOAuthError(await requestToken(issuer, withoutGrant), 400, 'invalid_request')
    await expectOAuthError(
      await requestToken(issuer, { ...credentials(), grant_type: 'authorization_code' }),
      400,
      'unsupported_grant_type',
    )
  })

  it.each([
    ['an unknown client id', () => ({ ...credentials(), client_id: 'm2m-client-test-unknown' })],
    ['a wrong secret', () => ({ ...credentials(), client_secret: `${clientSecret}x` })],
    ['a missing secret', () => ({ grant_type: 'client_credentials', client_id: clientId })],
    ['no credentials at all', () => ({ grant_type: 'client_credentials' })],
  ])('refuses %s with invalid_client (401)', async (_case, parameters) => {
    const response = await requestToken(issuer, parameters())
    expect(response.headers.get('www-authenticate')).toBeNull()
    await expectOAuthError(response, 401, 'invalid_client')
  })

  it('answers a failed Basic authentication with a Basic challenge', async () => {
    const response = await requestToken(
      issuer,
      { grant_type: 'client_credentials' },
      { authorization: basic(clientId, 'wrong') },
    )
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="stytch"')
    await expectOAuthError(response, 401, 'invalid_client')
    const malformed = await requestToken(issuer, { grant_type: 'client_credentials' }, { authorization: 'Basic ***' })
    await expectOAuthError(malformed, 401, 'invalid_client')
  })

  it('refuses inactive clients, and serves them again once reactivated', async () => {
    const { client, clientSecret: secret } = await issuer.clients.create({ scopes: [], status: 'inactive' })
    const parameters = { grant_type: 'client_credentials', client_id: client.client_id, client_secret: secret }
    await expectOAuthError(await requestToken(issuer, parameters), 401, 'invalid_client')
    issuer.clients.update(client.client_id, { status: 'active' })
    expect((await requestToken(issuer, parameters)).status).toBe(200)
  })

  it('accepts the current and the pending secret during a rotation', async () => {
    const { client, clientSecret: current } = await issuer.clients.create({ scopes: [] })
    const { nextClientSecret } = await issuer.clients.startRotation(client.client_id)
    for (const secret of [current, nextClientSecret]) {
      const response = await requestToken(issuer, {
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: secret,
      })
      expect(response.status).toBe(200)
    }
  })

  it('refuses credentials sent both in the body and in the Basic header (RFC 6749 §2.3)', async () => {
    const response = await requestToken(issuer, credentials(), { authorization: basic(clientId, clientSecret) })
    await expectOAuthError(response, 400, 'invalid_request')
    const mismatch = await requestToken(
      issuer,
      { grant_type: 'client_credentials', client_id: 'someone-else' },
      { authorization: basic(clientId, clientSecret) },
    )
    await expectOAuthError(mismatch, 400, 'invalid_request')
  })

  it.each([
    ['invalid JSON', '{', 'application/json'],
    ['a non-string JSON value', '{"grant_type":"client_credentials","client_id":5}', 'application/json'],
    ['an unsupported media type', 'grant_type=client_credentials', 'text/plain'],
    [
      'a repeated parameter',
      'grant_type=client_credentials&grant_type=client_credentials',
      'application/x-www-form-urlencoded',
    ],
  ])('refuses %s with invalid_request', async (_case, body, contentType) => {
    const response = await send(issuer, 'POST', tokenPath(), { body, headers: { 'content-type': contentType } })
    await expectOAuthError(response, 400, 'invalid_request')
  })

  it('answers 404 for another project id', async () => {
    const response = await send(issuer, 'POST', '/v1/public/project-test-other/oauth2/token', {
      body: new URLSearchParams(credentials()).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    await expectOAuthError(response, 404, 'invalid_request')
  })

  it('issues tokens through the custom domain with the custom domain as iss', async () => {
    const custom = await createTestIssuer({ customDomain: 'https://login.example.com' })
    const { client, clientSecret: secret } = await custom.clients.create({ scopes: [] })
    const parameters = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: secret,
    })
    const init = { body: parameters.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } }
    const viaDomain = await send(custom, 'POST', `/v1/public/${custom.projectId}/oauth2/token`, {
      ...init,
      origin: 'https://login.example.com',
    })
    expect(decodeJwt((await json(viaDomain)).access_token as string).iss).toBe('https://login.example.com')
    const viaStytch = await send(custom, 'POST', `/v1/public/${custom.projectId}/oauth2/token`, init)
    expect(decodeJwt((await json(viaStytch)).access_token as string).iss).toBe(custom.issuer)
  })

  it('applies a custom claims template to extra parameters, dropping registered claims', async () => {
    const templated = await createTestIssuer({
      customClaims: ({ client, parameters }) => ({ tenant: parameters.tenant, name: client.client_name, exp: 1 }),
    })
    const { client, clientSecret: secret } = await templated.clients.create({ scopes: [], client_name: 'billing' })
    const response = await requestToken(templated, {
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: secret,
      tenant: 'acme',
    })
    const claims = decodeJwt((await json(response)).access_token as string)
    expect(claims).toMatchObject({ tenant: 'acme', name: 'billing' })
    expect(claims.exp).not.toBe(1)
  })

  it('adds no custom claims when the template is turned off', async () => {
    const plain = await createTestIssuer({ customClaims: false })
    const { client, clientSecret: secret } = await plain.clients.create({
      scopes: [],
      trusted_metadata: { tenant: 'acme' },
    })
    const response = await requestToken(plain, {
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: secret,
    })
    expect(decodeJwt((await json(response)).access_token as string)).not.toHaveProperty('tenant')
  })

  it('uses the configured token lifetime for exp and expires_in', async () => {
    const short = await createTestIssuer({ tokenLifetime: 300 })
    const { client, clientSecret: secret } = await short.clients.create({ scopes: [] })
    const body = await json(
      await requestToken(short, {
        grant_type: 'client_credentials',
        client_id: client.client_id,
        client_secret: secret,
      }),
    )
    expect(body.expires_in).toBe(300)
    const claims = decodeJwt(body.access_token as string)
    expect(claims.exp! - claims.iat!).toBe(300)
  })
})
