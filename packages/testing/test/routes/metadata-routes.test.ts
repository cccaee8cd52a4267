import { beforeAll, describe, expect, it } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { json, send } from '../support/requests.js'

let issuer: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer()
})

describe('authorization server metadata (RFC 8414)', () => {
  it.each([
    ['project domain', () => '/.well-known/oauth-authorization-server'],
    ['/v1/public/<project_id>', () => `/v1/public/${issuer.projectId}/.well-known/oauth-authorization-server`],
  ])('serves the metadata at the %s form, unauthenticated and cacheable', async (_name, path) => {
    const response = await send(issuer, 'GET', path())
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/json/)
    expect(response.headers.get('cache-control')).toBe('public, max-age=900')
    const body = await json(response)
    const origin = new URL(issuer.baseUrl).origin
    expect(body).toMatchObject({
      issuer: origin,
      token_endpoint: `${origin}/v1/public/${issuer.projectId}/oauth2/token`,
      introspection_endpoint: `${origin}/v1/public/${issuer.projectId}/oauth2/introspect`,
      jwks_uri: `${origin}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials', 'authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    })
  })

  it('names endpoints the fake answers: the JWKS and a client-credentials token', async () => {
    const body = await json(await send(issuer, 'GET', '/.well-known/oauth-authorization-server'))
    const jwks = await issuer.handle(new Request(body.jwks_uri as string))
    expect(jwks.status).toBe(200)
    const { client, clientSecret } = await issuer.clients.create({ scopes: ['read:users'] })
    const token = await issuer.handle(
      new Request(body.token_endpoint as string, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: client.client_id,
          client_secret: clientSecret,
        }),
      }),
    )
    expect(token.status).toBe(200)
  })

  it('uses the origin it was asked on as issuer (a custom domain names itself)', async () => {
    const body = await json(
      await send(issuer, 'GET', '/.well-known/oauth-authorization-server', { origin: 'https://login.example.com' }),
    )
    expect(body.issuer).toBe('https://login.example.com')
    expect(body.jwks_uri).toBe('https://login.example.com/.well-known/jwks.json')
  })

  it('answers 404 for another project id', async () => {
    const response = await send(issuer, 'GET', '/v1/public/project-test-other/.well-known/oauth-authorization-server')
    expect(response.status).toBe(404)
  })

  it('is served over real HTTP by listen() too', async () => {
    const server = await issuer.listen({ host: '127.0.0.1', port: 0 })
    try {
      const response = await fetch(`${server.url}/.well-known/oauth-authorization-server`)
      expect(response.status).toBe(200)
      expect(((await response.json()) as { issuer: string }).issuer).toBe(server.url)
    } finally {
      await server.close()
    }
  })
})
