// Starts the MCP example on Express: `node dist/express.js` (see README.md).
//   STYTCH_PROJECT_ID      your project id; unset: an embedded fake Stytch with two registered clients
//   STYTCH_CUSTOM_DOMAIN   your project domain (needed with STYTCH_PROJECT_ID): the authorization server
//   STYTCH_BASE_URL        optional JWKS host override (e.g. @m2m-guard/emulator)
//   ACCEPT_CONNECTED_APPS  1: accept Connected Apps (user-delegated) tokens too
//   MCP_RESOURCE_URL       optional public URL of /mcp (behind a proxy)
//   PORT, HOST             default 3000 and 127.0.0.1
import { createServer } from 'node:http'
import { closeServer, listen, stopOnSignals } from '@m2m-guard/example-support'
import { createMcpExpressApp } from './express-app.js'
import { mcpInstructions } from './instructions.js'
import { setUp } from './start.js'

const setup = await setUp(process.env)
// Listen first: the resource URL (and so the metadata) needs the port when PORT=0.
const server = createServer()
const origin = await listen(server, setup)
const resource = setup.resourceFor(origin)
const app = createMcpExpressApp({
  verifier: setup.verifier,
  resource,
  authorizationServers: setup.authorizationServers,
})
server.on('request', app)
console.log(mcpInstructions(setup, 'Express', resource, app.locals.resourceMetadataUrl as string))

stopOnSignals(async () => {
  await closeServer(server)
  await setup.stytch.close()
})
