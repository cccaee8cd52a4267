import { type FakeStytch, startFakeStytch } from '@m2m-guard/example-support'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SERVERS } from './servers.js'

let fake: FakeStytch

beforeAll(async () => {
  fake = await startFakeStytch()
})
afterAll(() => fake.close())

function clientWith(resource: string, token: string) {
  const statuses: number[] = []
  const mcp = new Client({ name: 'user-agent', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(resource), {
    requestInit: { headers: { authorization: `Bearer ${token}` } },
    fetch: async (input, init) => {
      const response = await fetch(input, init)
      statuses.push(response.status)
      return response
    },
  })
  return { mcp, transport, statuses }
}

describe.each(SERVERS)('a Connected Apps (user-delegated) token at the %s MCP server', (_name, start) => {
  it('reaches a tool when the server accepts that kind, and the tool sees the user', async () => {
    const server = await start(fake, ['m2m', 'connected-app'])
    const subject = 'user-test-6f0e2b1a-0000-4000-8000-000000000001'
    const token = await fake.issuer.mint({ connectedApp: { subject }, scopes: 'openid read:users write:users' })
    const { mcp, transport } = clientWith(server.resource, token)
    try {
      await mcp.connect(transport)
      const created = await mcp.callTool({ name: 'create_user', arguments: { name: 'Lin' } })
      expect(created.isError).toBeFalsy()
      const text = (created.content as { text: string }[])[0]?.text ?? ''
      expect(JSON.parse(text)).toMatchObject({ createdBy: subject })
    } finally {
      await mcp.close()
      await server.close()
    }
  })

  it('is refused with 401 invalid_token when the server accepts M2M tokens only', async () => {
    const server = await start(fake, ['m2m'])
    const token = await fake.issuer.mint({ connectedApp: true, scopes: 'openid read:users write:users' })
    const { mcp, transport, statuses } = clientWith(server.resource, token)
    try {
      await expect(mcp.connect(transport)).rejects.toBeDefined()
      expect(statuses).toEqual([401])
      const response = await fetch(server.resource, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      expect(response.headers.get('www-authenticate')).toContain('resource_metadata="')
    } finally {
      await mcp.close()
      await server.close()
    }
  })
})
