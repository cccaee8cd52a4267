// Starts the Hono example on Node.js: `node dist/node.js` (see README.md).
//   STYTCH_PROJECT_ID     your project id; unset: an embedded fake Stytch with two registered clients
//   STYTCH_BASE_URL       optional: fetch the JWKS there instead of Stytch's host (e.g. a local emulator)
//   STYTCH_CUSTOM_DOMAIN  optional, e.g. https://login.example.com, when clients get tokens through it
//   PORT, HOST            default 3000 and 127.0.0.1
import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { closeServer, connectStytch, listen, readExampleConfig, stopOnSignals } from '@m2m-guard/example-support'
import { createStytchVerifier } from '@m2m-guard/hono'
import { createApp } from './app.js'

const config = readExampleConfig(process.env)
const stytch = await connectStytch(config)
// Only the project id is needed to verify tokens: the keys are public. Never give the API your project secret.
const verifier = createStytchVerifier(stytch.verifierOptions)
// @hono/node-server turns node:http requests into Fetch `Request`s for `app.fetch` (`serve()` does the same and
// listens; a plain node:http server is used here so start-up and shutdown are shared with the other examples).
const server = createServer(getRequestListener(createApp({ verifier }).fetch))
const url = await listen(server, config)
console.log(stytch.instructions('Hono', url))

stopOnSignals(async () => {
  await closeServer(server)
  await stytch.close()
})
