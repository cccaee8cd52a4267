import { createTokenSource } from '@m2m-guard/client'
import {
  type ExampleClients,
  type FakeStytch,
  registerExampleClients,
  startFakeStytch,
} from '@m2m-guard/example-support'
import { type AgentEvent, createAgentFetch } from '@m2m-guard/mcp'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RunningServer, SERVERS } from './servers.js'

let fake: FakeStytch
let clients: ExampleClients

beforeAll(async () => {
  fake = await startFakeStytch()
  clients = await registerExampleClients(fake.api)
})
afterAll(() => fake.close())

/** What went over the wire: method, URL path and status of every request the agent made. */
interface Exchange {
  method: string
  path: string
  status: number
  challenge: string | null
}

function agentFor(server: RunningServer, client: { client_id: string; client_secret: string }) {
  const exchanges: Exchange[] = []
  const events: AgentEvent[] = []
  const tokens = createTokenSource({
    projectId: fake.projectId,
    clientId: client.client_id,
    clientSecret: client.client_secret,
    baseUrl: fake.url,
  })
  const agent = createAgentFetch(tokens, {
    allowedOrigins: [server.origin],
    authorizationServers: [fake.url],
    onEvent: (event) => events.push(event),
    fetch: async (input, init) => {
      const request = new Request(input, init)
      const response = await fetch(request)
      exchanges.push({
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        challenge: response.headers.get('www-authenticate'),
      })
      return response
    },
  })
  const mcp = new Client({ name: 'test-agent', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(server.resource), { fetch: agent.fetch })
  return { agent, mcp, transport, exchanges, events, close: () => Promise.all([mcp.close(), tokens.close()]) }
}

describe.each(SERVERS)('an agent with client credentials against the %s MCP server', (_name, start) => {
  let server: RunningServer
  beforeAll(async () => {
    server = await start(fake, ['m2m'])
  })
  afterAll(() => server.close())

  it('discovers from the 401, gets a token with the advertised scope, lists and calls tools, steps up on 403', async () => {
    const { agent, mcp, transport, exchanges, events, close } = agentFor(server, clients.writer)
    try {
      await mcp.connect(transport)
      const metadataUrl = `${server.origin}/.well-known/oauth-protected-resource/mcp`
      // 1. The first call carries no token: 401 naming the metadata and the scope needed to connect.
      expect(exchanges[0]).toMatchObject({ method: 'POST', path: '/mcp', status: 401 })
      expect(exchanges[0]?.challenge).toContain(`resource_metadata="${metadataUrl}"`)
      expect(exchanges[0]?.challenge).toContain('scope="read:users"')
      // 2-3. Resource metadata, then the authorization server's metadata (the fake Stytch), then a token.
      expect(exchanges.slice(1, 3)).toMatchObject([
        { method: 'GET', path: '/.well-known/oauth-protected-resource/mcp', status: 200 },
        { method: 'GET', path: '/.well-known/oauth-authorization-server', status: 200 },
      ])
      expect(agent.discovery?.resourceMetadata).toMatchObject({
        resource: server.resource,
        authorization_servers: [fake.url],
        scopes_supported: ['read:users', 'write:users'],
      })
      expect(agent.discovery?.authorizationServerMetadata).toMatchObject({ issuer: fake.url })
      expect(events.filter((event) => event.type === 'token')).toEqual([{ type: 'token', scopes: ['read:users'] }])
      // 4. The same request again, with the token: 200.
      expect(exchanges[3]).toMatchObject({ method: 'POST', path: '/mcp', status: 200 })

      const listed = await mcp.listTools()
      expect(listed.tools.map((tool) => tool.name).sort()).toEqual(['create_user', 'list_users'])
      const users = await mcp.callTool({ name: 'list_users', arguments: {} })
      expect(users.isError).toBeFalsy()

      // 5. A tool needing a scope the token lacks: 403 with that tool's scope, a token with it, 200.
      const before = exchanges.length
      const created = await mcp.callTool({ name: 'create_user', arguments: { name: 'Ada' } })
      expect(created.isError).toBeFalsy()
      const stepUp = exchanges.slice(before)
      expect(stepUp.map((exchange) => exchange.status)).toEqual([403, 200])
      expect(stepUp[0]?.challenge).toContain('error="insufficient_scope"')
      expect(stepUp[0]?.challenge).toContain('scope="write:users"')
      expect(stepUp[0]?.challenge).toContain(`resource_metadata="${metadataUrl}"`)
      expect(agent.scopes).toEqual(['read:users', 'write:users'])
      const text = (created.content as { type: string; text: string }[])[0]?.text ?? ''
      expect(JSON.parse(text)).toMatchObject({ user: { name: 'Ada' }, createdBy: clients.writer.client_id })
    } finally {
      await close()
    }
  })

  it('keeps the 403 when the client may not have the tool’s scope (the token request is refused)', async () => {
    const { mcp, transport, exchanges, events, close } = agentFor(server, clients.reader)
    try {
      await mcp.connect(transport)
      await expect(mcp.callTool({ name: 'create_user', arguments: { name: 'Eve' } })).rejects.toMatchObject({
        code: 403,
      })
      expect(exchanges.at(-1)).toMatchObject({ method: 'POST', path: '/mcp', status: 403 })
      expect(events.at(-1)).toMatchObject({ type: 'token-refused', scopes: ['read:users', 'write:users'] })
    } finally {
      await close()
    }
  })
})
