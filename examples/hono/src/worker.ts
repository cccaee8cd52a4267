// The Hono example as a Cloudflare Worker: `wrangler dev src/worker.ts` / `wrangler deploy` (see README.md). Set
// STYTCH_PROJECT_ID (and optionally STYTCH_BASE_URL, STYTCH_CUSTOM_DOMAIN) as variables in wrangler.toml.
import { createStytchVerifier } from '@m2m-guard/hono'
import type { ExecutionContext, Hono } from 'hono'
import { createApp } from './app.js'
import { type StytchEnv, stytchOptionsFrom } from './stytch-env.js'

// A Worker sees its variables only in `fetch(request, env)`, so the app is created on the first request and kept
// for the isolate's life: the verifier's key and token caches then outlive each request, as on a server.
let app: Hono | undefined

export default {
  fetch(request: Request, env: StytchEnv, ctx: ExecutionContext): Response | Promise<Response> {
    app ??= createApp({ verifier: createStytchVerifier(stytchOptionsFrom(env)) })
    return app.fetch(request, env, ctx)
  },
}
