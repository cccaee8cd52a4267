// Starts the MCP example on Hono (Node): `node dist/hono.js`. Same variables as dist/express.js (see README.md).
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { wellKnownPath } from '@m2m-guard/core'
import { closeServer, listen, stopOnSignals } from '@m2m-guard/example-support'
import { createMcpHonoApp } from './hono-app.js'
import { mcpInstructions } from './instructions.js'
import { setUp } from './start.js'

const setup = await setUp(process.env)
// Listen first: the resource URL (and so the metadata) needs the port when PORT=0.
const server = createServer()
const origin = await listen(server, setup)
const resource = setup.resourceFor(origin)
const app = createMcpHonoApp({ verifier: setup.verifier, resource, authorizationServers: setup.authorizationServers })
server.on('request', getRequestListener(app.fetch))
const metadataUrl = `${new URL(resource).origin}${wellKnownPath(new URL(resource))}`
console.log(mcpInstructions(setup, 'Hono', resource, metadataUrl))

stopOnSignals(async () => {
  await closeServer(server)
  await setup.stytch.close()
})
