// Starts the Koa example: `node dist/server.js` (see README.md).
//   STYTCH_PROJECT_ID     your project id; unset: an embedded fake Stytch with two registered clients
//   STYTCH_CUSTOM_DOMAIN  optional, e.g. https://login.example.com, when clients get tokens through it
//   PORT, HOST            default 3000 and 127.0.0.1
import { createServer } from 'node:http'
import { closeServer, connectStytch, listen, readExampleConfig, stopOnSignals } from '@m2m-guard/example-support'
import { createStytchVerifier } from '@m2m-guard/koa'
import { createApp } from './app.js'

const config = readExampleConfig(process.env)
const stytch = await connectStytch(config)
// Only the project id is needed to verify tokens: the keys are public. Never give the API your project secret.
const verifier = createStytchVerifier(stytch.verifierOptions)
const server = createServer(createApp({ verifier }).callback())
const url = await listen(server, config)
console.log(stytch.instructions('Koa', url))

stopOnSignals(async () => {
  await closeServer(server)
  await stytch.close()
})
