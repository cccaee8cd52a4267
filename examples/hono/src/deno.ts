// Starts the Hono example on Deno: `deno run --allow-net --allow-env dist/deno.js` (the build of this file; Deno
// resolves `hono` and `@m2m-guard/hono` from node_modules). Needs STYTCH_PROJECT_ID; STYTCH_BASE_URL,
// STYTCH_CUSTOM_DOMAIN, PORT and HOST as for Node (see README.md).
import { createStytchVerifier } from '@m2m-guard/hono'
import { createApp } from './app.js'
import { stytchOptionsFrom } from './stytch-env.js'

const env = Deno.env.toObject()
// Created once, at start-up: the verifier owns the key and token caches every request shares.
const app = createApp({ verifier: createStytchVerifier(stytchOptionsFrom(env)) })
Deno.serve(
  {
    hostname: env.HOST ?? '127.0.0.1',
    port: Number(env.PORT ?? 3000),
    onListen: ({ hostname, port }) =>
      console.log(`m2m-guard Hono example listening on http://${hostname}:${port} (Deno)`),
  },
  app.fetch,
)
