import { tokenCommand } from '@m2m-guard/example-support'
import type { McpExampleSetup } from './start.js'

/**
 * What the example prints once it listens: the MCP endpoint, its metadata, and (with the embedded fake) the two
 * clients' credentials with token commands and calls to try.
 *
 * @param setup - From `setUp()`.
 * @param framework - `Express` or `Hono`.
 * @param resource - The MCP endpoint's URL.
 * @param metadataUrl - Where its protected resource metadata is.
 * @returns Text to print.
 */
export function mcpInstructions(
  setup: McpExampleSetup,
  framework: string,
  resource: string,
  metadataUrl: string,
): string {
  const lines = [
    `MCP server (${framework}) at ${resource}`,
    `Protected resource metadata: curl -s ${metadataUrl}`,
    `Without a token (401 with resource_metadata and scope): curl -i -X POST ${resource}`,
  ]
  const fake = setup.stytch.fake
  if (fake !== undefined) {
    const { reader, writer } = fake.clients
    lines.push(
      '',
      `Embedded fake Stytch at ${fake.url} (project ${fake.projectId})`,
      `  reader (read:users):             ${reader.client_id}`,
      `  writer (read:users write:users): ${writer.client_id}`,
      tokenCommand('READ_TOKEN', fake.tokenUrl, reader.client_id, reader.client_secret),
      tokenCommand('WRITE_TOKEN', fake.tokenUrl, writer.client_id, writer.client_secret),
      `curl -s -X POST ${resource} -H "Authorization: Bearer $READ_TOKEN" -H 'Content-Type: application/json' ` +
        `-H 'Accept: application/json, text/event-stream' ` +
        `-d '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"create_user","arguments":{"name":"Ada"}}}'` +
        '  # 403, insufficient_scope, scope="write:users"',
      'The same with $WRITE_TOKEN: 200. Any MCP client with client credentials works too (see README.md).',
    )
  }
  return lines.join('\n')
}
