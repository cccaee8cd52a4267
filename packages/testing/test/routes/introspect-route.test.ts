import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type RunningServer, type TestIssuer } from '../../src/index.js'
import { basic, json, send } from '../support/requests.js'

const NOW = Date.UTC(2030, 0, 1)
let now = NOW
let issuer: TestIssuer
let app: { clientId: string; clientSecret: string }

beforeAll(async () => {
  issuer = await createTestIssuer({ clock: () => now })
  app = await issuer.connectedApps.create({
    client_id: 'connected-app-test-introspector',
    client_secret: 's3cret-value',
  })
})

const path = () => `/v1/public/${issuer.projectId}/oauth2/introspect`
const introspect = (parameters: Record<string, string>, headers: Record<string, string> = {}) =>
  send(issuer, 'POST', path(), {
    body: new URLSearchParams(parameters).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  })
const withApp = (token: string) => ({ token, client_id: app.clientId, client_secret: app.clientSecret })

describe('introspection endpoint (RFC 7662)', () => {
  it('answers active with the token’s claims for a Connected Apps token it minted', async () => {
    const token = await issuer.mint({ connectedApp: true, clientId: 'connected-app-test-a', scopes: 'openid email' })
    const response = await introspect({ ...withApp(token), token_type_hint: 'access_token' })
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(await json(response)).toEqual({
      status_code: 200,
      request_id: expect.stringMatching(/^request-id-test-/),
      active: true,
      sub: expect.stringMatching(/^user-test-/),
      client_id: 'connected-app-test-a',
      scope: 'openid email',
      exp: NOW / 1000 + 3600,
      iat: NOW / 1000,
      iss: issuer.issuer,
      aud: [issuer.projectId],
      token_type: 'access_token',
    })
  })

  it('accepts the app’s credentials as HTTP Basic', async () => {
    const token = await issuer.mint({ connectedApp: true })
    const response = await introspect({ token }, { authorization: basic(app.clientId, app.clientSecret) })
    expect((await json(response)).active).toBe(true)
  })

  it.each([
    ['an expired token', async () => issuer.hostile.expired({ connectedApp: true })],
    ['a token signed by a foreign key', async () => issuer.hostile.foreignKey({ connectedApp: true })],
    ['garbage', async () => 'not-a-token'],
  ])('answers inactive for %s', async (_name, make) => {
    const response = await introspect(withApp(await make()))
    expect(response.status).toBe(200)
    expect(await json(response)).toEqual({ status_code: 200, request_id: expect.any(String), active: false })
  })

  it('answers inactive once the token expired', async () => {
    const token = await issuer.mint({ connectedApp: true, lifetime: 60 })
    now = NOW + 60_000
    try {
      expect((await json(await introspect(withApp(token)))).active).toBe(false)
    } finally {
      now = NOW
    }
  })

  it('answers inactive for a token whose key is no longer published', async () => {
    const other = await createTestIssuer({ clock: () => NOW })
    const otherApp = await other.connectedApps.create()
    const token = await other.mint({ connectedApp: true })
    const oldKid = other.currentKid
    await other.rotateKeys()
    other.retireKey(oldKid)
    const response = await send(other, 'POST', `/v1/public/${other.projectId}/oauth2/introspect`, {
      body: new URLSearchParams({
        token,
        client_id: otherApp.clientId,
        client_secret: otherApp.clientSecret,
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect((await json(response)).active).toBe(false)
  })

  it.each([
    ['a wrong secret', { client_id: 'connected-app-test-introspector', client_secret: 'wrong-secret' }],
    ['an unknown app', { client_id: 'connected-app-test-nobody', client_secret: 's3cret-value' }],
    ['no credentials', {}],
  ])('answers 401 invalid_client for %s', async (_name, credentials) => {
    const response = await introspect({ token: await issuer.mint({ connectedApp: true }), ...credentials })
    expect(response.status).toBe(401)
    expect(await json(response)).toMatchObject({
      status_code: 401,
      error: 'invalid_client',
      error_uri: expect.any(String),
    })
  })

  it('answers a Basic challenge to a failed Basic authentication', async () => {
    const response = await introspect({ token: 'x' }, { authorization: basic(app.clientId, 'nope') })
    expect(response.status).toBe(401)
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="stytch"')
  })

  it('answers 400 invalid_request without a token, and 404 for another project', async () => {
    const missing = await introspect({ client_id: app.clientId, client_secret: app.clientSecret })
    expect(missing.status).toBe(400)
    expect((await json(missing)).error).toBe('invalid_request')
    const elsewhere = await send(issuer, 'POST', '/v1/public/project-test-other/oauth2/introspect', {
      body: new URLSearchParams(withApp('x')).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(elsewhere.status).toBe(404)
  })

  it('refuses duplicate and invalid Connected Apps registrations', async () => {
    await expect(issuer.connectedApps.create({ client_id: app.clientId })).rejects.toMatchObject({
      code: 'ERR_CLIENT_EXISTS',
    })
    await expect(issuer.connectedApps.create({ client_secret: 'short' })).rejects.toMatchObject({
      code: 'ERR_CLIENT_INVALID',
    })
    const generated = await issuer.connectedApps.create()
    expect(generated.clientId).toMatch(/^connected-app-test-[0-9a-f-]{36}$/)
  })
})

const introspectAt = async (base: string): Promise<Response> =>
  fetch(`${base}/v1/public/${issuer.projectId}/oauth2/introspect`, {
    method: 'POST',
    body: new URLSearchParams(withApp(await issuer.mint({ connectedApp: true }))),
  })

describe('introspection through msw', () => {
  const server = setupServer()
  beforeAll(() => {
    server.listen({ onUnhandledRequest: 'error' })
    server.use(...issuer.handlers())
  })
  afterAll(() => server.close())

  it('is served at the issuer’s introspectionUrl', async () => {
    expect(issuer.introspectionUrl).toBe(`${issuer.baseUrl}/v1/public/${issuer.projectId}/oauth2/introspect`)
    const response = await introspectAt(issuer.baseUrl)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { active: boolean }).active).toBe(true)
  })
})

describe('introspection over the node server', () => {
  let running: RunningServer
  beforeAll(async () => {
    running = await issuer.listen()
  })
  afterAll(() => running.close())

  it('is served on loopback', async () => {
    const response = await introspectAt(running.url)
    expect(response.status).toBe(200)
    expect(((await response.json()) as { active: boolean }).active).toBe(true)
  })
})
