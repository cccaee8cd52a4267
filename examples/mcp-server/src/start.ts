import { createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { connectStytch, type Environment, readExampleConfig, type StytchConnection } from '@m2m-guard/example-support'

/** What both entry points (Express, Hono) share: the Stytch connection, the verifier, the resource and its AS. */
export interface McpExampleSetup {
  readonly stytch: StytchConnection
  readonly verifier: Verifier
  /** The authorization servers to publish: the project domain, or the embedded fake's URL. */
  readonly authorizationServers: readonly string[]
  readonly port: number
  readonly host: string
  /** `MCP_RESOURCE_URL` (behind a proxy: the public URL), else `<listening origin>/mcp` once listening. */
  resourceFor(origin: string): string
}

/**
 * Reads the environment (`STYTCH_PROJECT_ID`, `STYTCH_BASE_URL`, `STYTCH_CUSTOM_DOMAIN`, `PORT`, `HOST`,
 * `ACCEPT_CONNECTED_APPS`, `MCP_RESOURCE_URL`), connects to Stytch (or embeds the fake) and builds the verifier.
 *
 * @param env - Usually `process.env`.
 * @returns The setup.
 * @throws {TypeError} with a real project but no `STYTCH_CUSTOM_DOMAIN`: MCP clients discover the authorization
 *   server at the project domain.
 * @example
 * const setup = await setUp(process.env)
 */
export async function setUp(env: Environment): Promise<McpExampleSetup> {
  const config = readExampleConfig(env)
  if (config.projectId !== undefined && config.customDomain === undefined) {
    throw new TypeError('Set STYTCH_CUSTOM_DOMAIN to your project domain: MCP clients discover Stytch there')
  }
  const stytch = await connectStytch(config)
  const acceptConnectedApps = env.ACCEPT_CONNECTED_APPS === '1'
  // Only the project id is needed to verify tokens: the keys are public. Never give the server the project secret.
  const verifier = createStytchVerifier({
    ...stytch.verifierOptions,
    tokenKinds: acceptConnectedApps ? ['m2m', 'connected-app'] : ['m2m'],
  })
  const authorizationServers = [stytch.fake?.url ?? (config.customDomain as string)]
  const fixed = env.MCP_RESOURCE_URL?.trim()
  return {
    stytch,
    verifier,
    authorizationServers,
    port: config.port,
    host: config.host,
    resourceFor: (origin) => (fixed === undefined || fixed === '' ? `${origin}/mcp` : fixed),
  }
}
