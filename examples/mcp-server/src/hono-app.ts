import { createResourceMetadata } from '@m2m-guard/core'
import { m2mAuth } from '@m2m-guard/hono'
import { createToolScopes, toAuthInfo } from '@m2m-guard/mcp'
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { McpAppOptions } from './express-app.js'
import { createMcpServer, SCOPES_SUPPORTED, TOOL_SCOPES, type User } from './mcp-server.js'

/**
 * The example MCP server on Hono (Node, Bun, Deno, Workers): the same endpoints and rules as the Express one, with
 * the SDK's Web-standard transport (a Request in, a Response out).
 *
 * @param options - See {@link McpAppOptions}.
 * @returns The Hono app (`app.fetch`).
 * @example
 * const app = createMcpHonoApp({ verifier, resource: 'https://mcp.example.com/mcp', authorizationServers })
 * export default app
 */
export function createMcpHonoApp(options: McpAppOptions): Hono {
  const resourceMetadata = createResourceMetadata({
    resource: options.resource,
    authorizationServers: options.authorizationServers,
    scopesSupported: SCOPES_SUPPORTED,
    resourceName: 'm2m-guard example MCP server',
  })
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const auth = m2mAuth({ verifier: options.verifier, requiredScopes: ['read:users'], resourceMetadata })
  const toolScopes = createToolScopes({ tools: TOOL_SCOPES, resourceMetadata })
  const path = new URL(options.resource).pathname
  const app = new Hono()

  // The metadata, without a token: \`auth\` guards only the MCP path, so its document is served app-wide.
  app.use(auth.serveMetadata)
  app.get('/health', (c) => c.json({ status: 'ok' }))

  // Authentication first, then the body (anonymous requests cost no parsing), then each tool's scopes.
  app.post(path, auth, bodyLimit({ maxSize: 1024 * 1024 }), async (c) => {
    const body: unknown = await c.req.json().catch(() => undefined)
    if (body === undefined) {
      return c.json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }, 400)
    }
    const caller = c.var.m2m
    const refused = toolScopes.check(body, caller.scopes)
    if (refused !== undefined) return c.json(refused.body, refused.status as 401 | 403, refused.headers)
    const server = createMcpServer(users)
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined })
    await server.connect(transport)
    return transport.handleRequest(c.req.raw, { authInfo: toAuthInfo(caller), parsedBody: body })
  })
  // Stateless: no server-to-client stream, no session to delete.
  app.all(path, auth, (c) => c.json({ error: 'method_not_allowed' }, 405, { Allow: 'POST' }))
  app.onError((error, c) => {
    console.error(error)
    return c.json({ error: 'server_error' }, 500)
  })
  return app
}
