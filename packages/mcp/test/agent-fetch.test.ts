import { describe, expect, it } from 'vitest'
import { AgentAuthError, type AgentTokenSource, createAgentFetch, parseBearerChallenge } from '../src/index.js'

const MCP = 'https://mcp.example.com'
const AS = 'https://login.example.com'
const METADATA = `${MCP}/.well-known/oauth-protected-resource/mcp`

/** A token source that hands out `token-<scopes>` and records what it was asked. */
function fakeTokens(refuse: readonly string[] = []) {
  const asked: string[][] = []
  let invalidated = 0
  const source: AgentTokenSource = {
    getToken: async (options) => {
      const scopes = [...(options?.scopes ?? [])]
      asked.push(scopes)
      if (scopes.some((scope) => refuse.includes(scope))) throw new Error('invalid_scope')
      return `token-${scopes.join('+')}`
    },
    invalidate: () => {
      invalidated += 1
    },
  }
  return { source, asked, invalidated: () => invalidated }
}

interface Seen {
  url: string
  authorization: string | null
}

/** A fake network: the MCP server needs `token-read:users`, metadata documents answer as given. */
function network(resourceMetadata: Record<string, unknown>, asMetadata: Record<string, unknown> = { issuer: AS }) {
  const seen: Seen[] = []
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init)
    seen.push({ url: request.url, authorization: request.headers.get('authorization') })
    if (request.url === METADATA) return Response.json(resourceMetadata)
    if (request.url === `${AS}/.well-known/oauth-authorization-server`) return Response.json(asMetadata)
    if (request.headers.get('authorization') === 'Bearer token-read:users') return new Response('ok')
    return new Response(null, {
      status: 401,
      headers: { 'www-authenticate': `Bearer realm="api", scope="read:users", resource_metadata="${METADATA}"` },
    })
  }
  return { fetch, seen }
}

const GOOD = { resource: `${MCP}/mcp`, authorization_servers: [AS], scopes_supported: ['read:users'] }

describe('createAgentFetch', () => {
  it('never sends a token to an origin that is not allowed', async () => {
    const tokens = fakeTokens()
    const net = network(GOOD)
    const agent = createAgentFetch(tokens.source, {
      allowedOrigins: ['https://other.example.com'],
      fetch: net.fetch,
      scopes: ['read:users'],
    })
    const response = await agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(401)
    expect(net.seen.map((item) => item.authorization)).toEqual([null])
    expect(tokens.asked).toEqual([])
  })

  it('refuses metadata that describes another resource (RFC 9728 §3.3), before asking for a token', async () => {
    const tokens = fakeTokens()
    const net = network({ ...GOOD, resource: 'https://evil.example.com/mcp' })
    const agent = createAgentFetch(tokens.source, { allowedOrigins: [MCP], fetch: net.fetch })
    await expect(agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'ERR_RESOURCE_MISMATCH',
    })
    expect(tokens.asked).toEqual([])
  })

  it('refuses a resource whose authorization servers it does not trust', async () => {
    const tokens = fakeTokens()
    const net = network({ ...GOOD, authorization_servers: ['https://evil.example.com'] })
    const agent = createAgentFetch(tokens.source, {
      allowedOrigins: [MCP],
      fetch: net.fetch,
      authorizationServers: [AS],
    })
    const failure = agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })
    await expect(failure).rejects.toBeInstanceOf(AgentAuthError)
    await expect(failure).rejects.toMatchObject({ code: 'ERR_AUTHORIZATION_SERVER' })
  })

  it('refuses authorization server metadata whose issuer is not the server it was asked for', async () => {
    const net = network(GOOD, { issuer: 'https://evil.example.com' })
    const agent = createAgentFetch(fakeTokens().source, { allowedOrigins: [MCP], fetch: net.fetch })
    await expect(agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })).rejects.toMatchObject({
      code: 'ERR_AUTHORIZATION_SERVER',
    })
  })

  it('asks for the challenge’s scope and sends the request again with the token, body included', async () => {
    const tokens = fakeTokens()
    const net = network(GOOD)
    const agent = createAgentFetch(tokens.source, { allowedOrigins: [MCP], fetch: net.fetch })
    const response = await agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{"a":1}' })
    expect(response.status).toBe(200)
    expect(tokens.asked).toEqual([['read:users']])
    expect(net.seen.at(-1)).toEqual({ url: `${MCP}/mcp`, authorization: 'Bearer token-read:users' })
  })

  it('returns the 401 when the token request is refused', async () => {
    const tokens = fakeTokens(['read:users'])
    const agent = createAgentFetch(tokens.source, { allowedOrigins: [MCP], fetch: network(GOOD).fetch })
    expect((await agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })).status).toBe(401)
  })

  it('drops a token the server calls invalid before asking again', async () => {
    const tokens = fakeTokens()
    const agent = createAgentFetch(tokens.source, {
      allowedOrigins: [MCP],
      fetch: network(GOOD).fetch,
      scopes: ['x:y'],
    })
    await agent.fetch(`${MCP}/mcp`, { method: 'POST', body: '{}' })
    expect(tokens.invalidated()).toBe(1)
  })

  it('refuses to be created without allowedOrigins', () => {
    expect(() => createAgentFetch(fakeTokens().source, { allowedOrigins: [] })).toThrow(/option "allowedOrigins"/)
  })
})

describe('parseBearerChallenge', () => {
  it('reads error, scope and resource_metadata of the Bearer challenge among others', () => {
    expect(
      parseBearerChallenge(
        `Basic realm="x", Bearer error="insufficient_scope", scope="a:b c:d", resource_metadata="${METADATA}"`,
      ),
    ).toEqual({ error: 'insufficient_scope', scope: ['a:b', 'c:d'], resourceMetadata: METADATA })
    expect(parseBearerChallenge('Basic realm="x"')).toBeUndefined()
    expect(parseBearerChallenge(null)).toBeUndefined()
  })
})
