// Starts the Hono example on Bun: `bun run src/bun.ts` (Bun runs the TypeScript as is). Needs STYTCH_PROJECT_ID;
// STYTCH_BASE_URL, STYTCH_CUSTOM_DOMAIN, PORT and HOST as for Node (see README.md).
import { createStytchVerifier } from '@m2m-guard/hono'
import { createApp } from './app.js'
import { stytchOptionsFrom } from './stytch-env.js'

// Created once, at start-up: the verifier owns the key and token caches every request shares.
const app = createApp({ verifier: createStytchVerifier(stytchOptionsFrom(Bun.env)) })
const server = Bun.serve({
  hostname: Bun.env.HOST ?? '127.0.0.1',
  port: Number(Bun.env.PORT ?? 3000),
  fetch: app.fetch,
})
console.log(`m2m-guard Hono example listening on ${server.url.origin} (Bun)`)
