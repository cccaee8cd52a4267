import { createResourceMetadata, type Verifier } from '@m2m-guard/core'
import { m2mAuth } from '@m2m-guard/express'
import { createToolScopes, toAuthInfo } from '@m2m-guard/mcp'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from 'express'
import { createMcpServer, SCOPES_SUPPORTED, TOOL_SCOPES, type User } from './mcp-server.js'

/** What the MCP app needs. */
export interface McpAppOptions {
  /** A Stytch verifier, created once (`tokenKinds` decides whether Connected Apps tokens are accepted). */
  verifier: Verifier
  /** The URL clients call, e.g. `https://mcp.example.com/mcp`: the resource identifier. */
  resource: string
  /** The authorization server(s): the Stytch project domain (the fake's URL when it is embedded). */
  authorizationServers: readonly string[]
}

/**
 * The example MCP server on Express: MCP (Streamable HTTP, stateless) at the resource's path, its protected
 * resource metadata at `/.well-known/oauth-protected-resource/<path>`, tokens required (`read:users` to connect),
 * `create_user` needing `write:users`, asked for with a 403 the client can step up from.
 *
 * @param options - See {@link McpAppOptions}.
 * @returns The Express app.
 * @example
 * const app = createMcpExpressApp({ verifier, resource: 'https://mcp.example.com/mcp', authorizationServers })
 */
export function createMcpExpressApp(options: McpAppOptions): Express {
  const resourceMetadata = createResourceMetadata({
    resource: options.resource,
    authorizationServers: options.authorizationServers,
    scopesSupported: SCOPES_SUPPORTED,
    resourceName: 'm2m-guard example MCP server',
  })
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const app = express()
  app.disable('x-powered-by')
  app.locals.resourceMetadataUrl = resourceMetadata.url

  // Connecting needs read:users: the 401 says so in `scope`, and names the metadata in `resource_metadata`.
  const auth = m2mAuth({ verifier: options.verifier, requiredScopes: ['read:users'], resourceMetadata })
  const toolScopes = createToolScopes({ tools: TOOL_SCOPES, resourceMetadata })
  const path = new URL(options.resource).pathname

  app.use(auth.serveMetadata)
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' })
  })

  const mcp: RequestHandler = async (req, res, next) => {
    try {
      // The SDK hands `req.auth` to tool handlers as `extra.authInfo`.
      Object.assign(req, { auth: toAuthInfo(req.m2m!) })
      const server = createMcpServer(users)
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined })
      res.on('close', () => {
        void transport.close()
        void server.close()
      })
      await server.connect(transport)
      await transport.handleRequest(req, res, req.body)
    } catch (error) {
      next(error)
    }
  }
  // Authentication first, then the body (anonymous requests cost no parsing), then each tool's scopes.
  app.post(path, auth, express.json({ limit: '1mb' }), toolScopes.middleware, mcp)
  // Stateless: no server-to-client stream, no session to delete.
  app.all(path, auth, (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'method_not_allowed' })
  })

  const onError: ErrorRequestHandler = (error: { status?: number }, _req, res, _next) => {
    const status = error.status !== undefined && error.status >= 400 && error.status < 500 ? error.status : 500
    if (status === 500) console.error(error)
    if (!res.headersSent) res.status(status).json({ error: status === 500 ? 'server_error' : 'invalid_request' })
  }
  app.use(onError)
  return app
}
