import { m2mGuard, type Verifier } from '@m2m-guard/fastify'
import Fastify, { type FastifyInstance } from 'fastify'

/** What the app needs: a verifier, created once at start-up (it caches the project's keys and verified tokens). */
export interface AppOptions {
  verifier: Verifier
  /** Fastify's logger; off by default. */
  logger?: boolean | undefined
}

interface User {
  id: number
  name: string
}

/**
 * Builds the example API. Server start-up is in `server.ts`, so tests and the demo can build the app on any port.
 *
 * - `GET /health`: public.
 * - `GET /users`: needs a token with `read:users`.
 * - `POST /users`: needs `write:users`; body `{ "name": "…" }`.
 * - `GET /whoami`: a token is optional; answers who called.
 *
 * @param options - The verifier.
 * @returns The Fastify instance, ready to `listen`.
 * @example
 * const app = await createApp({ verifier: createStytchVerifier({ projectId: process.env.STYTCH_PROJECT_ID! }) })
 * await app.listen({ port: 3000 })
 */
export async function createApp({ verifier, logger = false }: AppOptions): Promise<FastifyInstance> {
  const users: User[] = [{ id: 1, name: 'Grace' }]
  const app = Fastify({ logger })

  // Registered outside the guarded context below: no token needed.
  app.get('/health', async () => ({ status: 'ok' }))

  // Every route of this encapsulated context needs a valid token (401 otherwise); scopes are set per route (403).
  await app.register(async (api) => {
    await api.register(m2mGuard, { verifier })

    // Route config: the plugin checks the scopes right after verifying the token.
    api.get('/users', { config: { m2m: { requiredScopes: ['read:users'] } } }, async () => ({ users }))

    // The same with a preHandler; Fastify parses the body after onRequest, so unauthorized calls are not parsed.
    api.post<{ Body: { name: string } }>(
      '/users',
      {
        preHandler: api.requireScopes('write:users'),
        schema: {
          body: {
            type: 'object',
            required: ['name'],
            properties: { name: { type: 'string', minLength: 1 } },
          },
        },
      },
      async (request, reply) => {
        const user = { id: users.length + 1, name: request.body.name }
        users.push(user)
        // request.m2m is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
        return reply.code(201).send({ user, createdBy: request.m2m?.clientId })
      },
    )

    // `required: false`: no token is fine (request.m2m is null), but an invalid token is still refused.
    api.get('/whoami', { config: { m2m: { required: false } } }, async (request) => {
      const caller = request.m2m
      return caller ? { anonymous: false, clientId: caller.clientId, scopes: caller.scopes } : { anonymous: true }
    })
  })

  return app
}
