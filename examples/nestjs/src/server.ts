// Starts the NestJS example: `node dist/server.js` (see README.md).
//   STYTCH_PROJECT_ID     your project id; unset: an embedded fake Stytch with two registered clients
//   STYTCH_CUSTOM_DOMAIN  optional, e.g. https://login.example.com, when clients get tokens through it
//   PORT, HOST            default 3000 and 127.0.0.1
import { connectStytch, readExampleConfig, stopOnSignals } from '@m2m-guard/example-support'
import { createStytchVerifier } from '@m2m-guard/nestjs'
import { createApp } from './app.js'

const config = readExampleConfig(process.env)
const stytch = await connectStytch(config)
// Only the project id is needed to verify tokens: the keys are public. Never give the API your project secret.
const verifier = createStytchVerifier(stytch.verifierOptions)
const app = await createApp({ verifier })
await app.listen(config.port, config.host)
console.log(stytch.instructions('NestJS', await app.getUrl()))

stopOnSignals(async () => {
  await app.close()
  await stytch.close()
})
