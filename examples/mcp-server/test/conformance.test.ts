// One test per requirement of RFC 9728 (OAuth 2.0 Protected Resource Metadata) and of the resource-server part of
// the MCP authorization specification (revision 2025-11-25), each quoted in its test name, checked on every server
// of the example over real HTTP.
import { createStytchVerifier } from '@m2m-guard/core'
import { type FakeStytch, startFakeStytch } from '@m2m-guard/example-support'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, SERVERS } from './servers.js'

let fake: FakeStytch

beforeAll(async () => {
  fake = await startFakeStytch()
})
afterAll(() => fake.close())

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'conformance', version: '1' } },
}

describe.each(SERVERS)('%s MCP server', (_name, start) => {
  let server: RunningServer
  let metadataUrl: string
  const post = (body: unknown, token?: string) =>
    fetch(server.resource, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    })
  const challengeOf = (response: Response): Record<string, string> => {
    const header = response.headers.get('www-authenticate') ?? ''
    expect(header).toMatch(/^Bearer /)
    return Object.fromEntries([...header.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1], match[2]]))
  }

  beforeAll(async () => {
    server = await start(fake, ['m2m'])
    metadataUrl = `${server.origin}/.well-known/oauth-protected-resource/mcp`
  })
  afterAll(() => server.close())

  describe('RFC 9728', () => {
    it('§3.1 "inserting a well-known URI string into the protected resource\'s resource identifier between the host component and the path"', async () => {
      expect((await fetch(metadataUrl)).status).toBe(200)
    })

    it('§3.2 "The response is a set of metadata parameters … using the application/json media type"', async () => {
      const response = await fetch(metadataUrl)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      expect(await response.json()).toBeTypeOf('object')
    })

    it('§2 "resource: REQUIRED. The protected resource\'s resource identifier"', async () => {
      expect(((await (await fetch(metadataUrl)).json()) as { resource: string }).resource).toBe(server.resource)
    })

    it('§3.3 "The resource value returned MUST be identical to the protected resource\'s resource identifier value into which the well-known URI path suffix was inserted"', async () => {
      const { resource } = (await (await fetch(metadataUrl)).json()) as { resource: string }
      const inserted = new URL(resource)
      expect(`${inserted.origin}/.well-known/oauth-protected-resource${inserted.pathname}`).toBe(metadataUrl)
    })

    it('§2 "authorization_servers: OPTIONAL. JSON array containing a list of OAuth authorization server issuer identifiers"', async () => {
      const document = (await (await fetch(metadataUrl)).json()) as { authorization_servers: string[] }
      expect(document.authorization_servers).toEqual([fake.url])
      const as = await fetch(`${fake.url}/.well-known/oauth-authorization-server`)
      expect(((await as.json()) as { issuer: string }).issuer).toBe(fake.url)
    })

    it('§2 "bearer_methods_supported: … Defined values are ["header", "body", "query"]" (header only: m2m-guard reads no other)', async () => {
      const document = (await (await fetch(metadataUrl)).json()) as { bearer_methods_supported: string[] }
      expect(document.bearer_methods_supported).toEqual(['header'])
    })

    it('§2 "scopes_supported: RECOMMENDED. JSON array containing a list of the scope values"', async () => {
      const document = (await (await fetch(metadataUrl)).json()) as { scopes_supported: string[] }
      expect(document.scopes_supported).toEqual(['read:users', 'write:users'])
    })

    it('§5.1 "resource_metadata: The URL of the protected resource metadata" in the WWW-Authenticate challenge', async () => {
      expect(challengeOf(await post(INITIALIZE)).resource_metadata).toBe(metadataUrl)
    })
  })

  describe('MCP authorization, resource server', () => {
    it('"MCP servers MUST implement the OAuth 2.0 Protected Resource Metadata (RFC9728) specification" (served without a token)', async () => {
      const response = await fetch(metadataUrl, { headers: { authorization: 'Bearer not-a-token' } })
      expect(response.status).toBe(200)
    })

    it('"MCP servers MUST use the HTTP header WWW-Authenticate when returning a 401 Unauthorized"', async () => {
      const response = await post(INITIALIZE)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).not.toBeNull()
    })

    it('"include a scope parameter in the WWW-Authenticate header … to indicate the scopes required"', async () => {
      expect(challengeOf(await post(INITIALIZE)).scope).toBe('read:users')
    })

    it('"Invalid or expired tokens MUST receive a HTTP 401 response"', async () => {
      const expired = await fake.issuer.mint({ scopes: ['read:users'], exp: Math.floor(Date.now() / 1000) - 600 })
      const response = await post(INITIALIZE, expired)
      expect(response.status).toBe(401)
      expect(challengeOf(response).error).toBe('invalid_token')
    })

    it('"MCP servers MUST validate that access tokens were issued specifically for them as the intended audience" (another project\'s token)', async () => {
      const other = await fake.issuer.mint({
        scopes: ['read:users'],
        audience: 'project-test-00000000-0000-4000-8000-0000000000ff',
      })
      const response = await post(INITIALIZE, other)
      expect(response.status).toBe(401)
      expect(challengeOf(response).error).toBe('invalid_token')
    })

    it('"When a client makes a request with an access token with insufficient scope … respond with HTTP 403 Forbidden" with error="insufficient_scope" and the scope', async () => {
      const token = await fake.issuer.mint({ scopes: ['read:users'] })
      const response = await post(
        { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'create_user', arguments: { name: 'x' } } },
        token,
      )
      expect(response.status).toBe(403)
      const challenge = challengeOf(response)
      expect(challenge.error).toBe('insufficient_scope')
      expect(challenge.scope).toBe('write:users')
      expect(challenge.resource_metadata).toBe(metadataUrl)
    })

    it('"Access tokens MUST NOT be included in the URI query string" (a token in the query is not accepted)', async () => {
      const token = await fake.issuer.mint({ scopes: ['read:users'] })
      const response = await fetch(`${server.resource}?access_token=${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify(INITIALIZE),
      })
      expect(response.status).toBe(401)
    })

    it('"authorization MUST be included in every HTTP request from client to server" (a valid token is accepted, each time)', async () => {
      const token = await fake.issuer.mint({ scopes: ['read:users'] })
      expect((await post(INITIALIZE, token)).status).toBe(200)
      expect((await post(INITIALIZE)).status).toBe(401)
    })
  })
})

describe('audience binding with requiredAudience (RFC 8707)', () => {
  it('"MCP servers MUST only accept tokens specifically intended for themselves": a Connected Apps token for another resource is refused with ERR_TOKEN_AUDIENCE', async () => {
    const resource = 'https://mcp.example.com/mcp'
    const verifier = createStytchVerifier({
      ...fake.verifierOptions,
      tokenKinds: ['m2m', 'connected-app'],
      requiredAudience: resource,
    })
    const ours = await fake.issuer.mint({ connectedApp: { audiences: [resource] } })
    await expect(verifier.verify(ours)).resolves.toMatchObject({ kind: 'connected-app' })
    const theirs = await fake.issuer.mint({ connectedApp: { audiences: ['https://other.example.com/mcp'] } })
    await expect(verifier.verify(theirs)).rejects.toMatchObject({ code: 'ERR_TOKEN_AUDIENCE', status: 401 })
    // Stytch's M2M tokens carry the project id only: with requiredAudience they are all refused.
    await expect(verifier.verify(await fake.issuer.mint())).rejects.toMatchObject({ code: 'ERR_TOKEN_AUDIENCE' })
  })
})
