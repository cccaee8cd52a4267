import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { createStytchVerifier, type TokenKind } from '@m2m-guard/core'
import { closeServer, type FakeStytch, listen } from '@m2m-guard/example-support'
import { createMcpExpressApp } from '../src/express-app.js'
import { createMcpHonoApp } from '../src/hono-app.js'

/** A running example server. */
export interface RunningServer {
  /** `<origin>/mcp`. */
  readonly resource: string
  readonly origin: string
  close(): Promise<void>
}

/** The servers of the example, by framework; each test runs against every one listed. */
export type ServerFactory = (fake: FakeStytch, kinds: readonly TokenKind[]) => Promise<RunningServer>

/** The Express server of the example on a free loopback port, trusting `fake`. */
export const startExpress: ServerFactory = async (fake, kinds) => {
  const verifier = createStytchVerifier({ ...fake.verifierOptions, tokenKinds: [...kinds] as ['m2m'] })
  const server = createServer()
  const origin = await listen(server, { port: 0, host: '127.0.0.1' })
  const resource = `${origin}/mcp`
  server.on('request', createMcpExpressApp({ verifier, resource, authorizationServers: [fake.url] }))
  return { resource, origin, close: () => closeServer(server) }
}

/** The Hono server of the example (through @hono/node-server) on a free loopback port, trusting `fake`. */
export const startHono: ServerFactory = async (fake, kinds) => {
  const verifier = createStytchVerifier({ ...fake.verifierOptions, tokenKinds: [...kinds] as ['m2m'] })
  const server = createServer()
  const origin = await listen(server, { port: 0, host: '127.0.0.1' })
  const resource = `${origin}/mcp`
  const app = createMcpHonoApp({ verifier, resource, authorizationServers: [fake.url] })
  server.on('request', getRequestListener(app.fetch))
  return { resource, origin, close: () => closeServer(server) }
}

/** Every server of the example. */
export const SERVERS: ReadonlyArray<readonly [string, ServerFactory]> = [
  ['Express', startExpress],
  ['Hono', startHono],
]
