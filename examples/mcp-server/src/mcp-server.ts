import { requireToolScopes } from '@m2m-guard/mcp'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { z } from 'zod'

/** The scopes each tool needs: checked at the HTTP level (403 + step-up) and again inside the handler. */
export const TOOL_SCOPES = {
  list_users: ['read:users'],
  create_user: ['write:users'],
} as const satisfies Record<string, readonly string[]>

/** Every scope the server knows, for its resource metadata (`scopes_supported`). */
export const SCOPES_SUPPORTED: readonly string[] = ['read:users', 'write:users']

/** A user of the example's in-memory directory. */
export interface User {
  id: number
  name: string
}

/**
 * The example's MCP server: two tools over one in-memory user list. A new server per request (the transport is
 * stateless); the list is shared.
 *
 * @param users - The shared list.
 * @returns A server to connect to a transport.
 * @example
 * const server = createMcpServer(users)
 * await server.connect(transport)
 */
export function createMcpServer(users: User[]): McpServer {
  const server = new McpServer({ name: 'm2m-guard-example', version: '1.0.0' })
  server.registerTool(
    'list_users',
    { description: 'Lists the users (needs read:users).', inputSchema: {} },
    async (_args, extra) => {
      requireToolScopes(extra.authInfo, ...TOOL_SCOPES.list_users)
      return { content: [{ type: 'text', text: JSON.stringify(users) }] }
    },
  )
  server.registerTool(
    'create_user',
    { description: 'Creates a user (needs write:users).', inputSchema: { name: z.string().min(1).max(100) } },
    async ({ name }, extra) => {
      requireToolScopes(extra.authInfo, ...TOOL_SCOPES.create_user)
      const user = { id: users.length + 1, name }
      users.push(user)
      // Who acted: the M2M client, or the user a Connected App acts for.
      const by = extra.authInfo?.extra?.subject ?? extra.authInfo?.clientId
      return { content: [{ type: 'text', text: JSON.stringify({ user, createdBy: by }) }] }
    },
  )
  return server
}
