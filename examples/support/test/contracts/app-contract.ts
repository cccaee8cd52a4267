// The behaviour every example app must have, whatever its framework. Each example's app.test.ts runs it.
import { createTokenSource } from '@m2m-guard/client'
import { createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { createTestIssuer, type RunningServer, type TestIssuer } from '@m2m-guard/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/** A started example app. */
export interface StartedApp {
  url: string
  close(): Promise<void>
}

/** Where the fake Stytch is, for apps that create their own verifier (another runtime, another process). */
export interface FakeStytchEnv {
  /** `STYTCH_PROJECT_ID`. */
  projectId: string
  /** `STYTCH_BASE_URL`: the fake's origin. */
  baseUrl: string
}

/**
 * Builds the example's app with `verifier` (or, in another process, with a verifier made from `stytch`) and serves it
 * on a free loopback port.
 */
export type StartApp = (verifier: Verifier, stytch: FakeStytchEnv) => Promise<StartedApp>

const READER = 'm2m-client-test-reader'
const WRITER = 'm2m-client-test-writer'

/**
 * Declares the shared route tests for one example app: an app on loopback that verifies tokens of a fake Stytch
 * (JWKS over real HTTP).
 *
 * @param framework - For the suite title.
 * @param start - Starts the app.
 * @param extras - Declares framework-specific tests; `running()` gives the app's URL and the fake issuer.
 */
export function describeExampleApp(
  framework: string,
  start: StartApp,
  extras?: (running: () => { url: string; issuer: TestIssuer }) => void,
): void {
  let issuer: TestIssuer
  let stytch: RunningServer
  let app: StartedApp
  let read: string
  let write: string
  let writeOnly: string

  const call = async (method: string, path: string, token?: string, body?: unknown): Promise<Response> => {
    const headers: Record<string, string> = {}
    if (token !== undefined) headers.authorization = `Bearer ${token}`
    if (body !== undefined) headers['content-type'] = 'application/json'
    return fetch(`${app.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
  }
  const userNames = async (): Promise<string[]> => {
    const { users } = (await (await call('GET', '/users', read)).json()) as { users: { name: string }[] }
    return users.map((user) => user.name)
  }

  describe(`the ${framework} example app`, () => {
    beforeAll(async () => {
      issuer = await createTestIssuer()
      stytch = await issuer.listen()
      const env = { projectId: issuer.projectId, baseUrl: stytch.url }
      app = await start(createStytchVerifier(env), env)
      read = await issuer.mint({ clientId: READER, scopes: ['read:users'] })
      write = await issuer.mint({ clientId: WRITER, scopes: ['read:users', 'write:users'] })
      writeOnly = await issuer.mint({ clientId: WRITER, scopes: ['write:users'] })
    })
    afterAll(async () => {
      await app?.close()
      await stytch?.close()
    })

    describe('GET /health', () => {
      it('answers 200 without a token', async () => {
        const response = await call('GET', '/health')
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ status: 'ok' })
      })

      it('ignores an invalid token, because the route is public', async () => {
        const response = await call('GET', '/health', 'not-a-token')
        expect(response.status).toBe(200)
        expect(response.headers.get('www-authenticate')).toBeNull()
      })
    })

    describe('GET /users', () => {
      it('answers 401 with a bare Bearer challenge when no token is sent', async () => {
        const response = await call('GET', '/users')
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"')
        expect(await response.json()).toMatchObject({ error: 'unauthorized' })
      })

      it('answers 200 with the users to a token granting read:users', async () => {
        const response = await call('GET', '/users', read)
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ users: [{ id: 1, name: 'Grace' }] })
      })

      it('answers 403 insufficient_scope naming read:users to a token without it', async () => {
        const response = await call('GET', '/users', writeOnly)
        expect(response.status).toBe(403)
        expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="read:users"/)
        expect(await response.json()).toMatchObject({ error: 'insufficient_scope' })
      })

      it('answers 401 invalid_token to an expired token', async () => {
        const response = await call('GET', '/users', await issuer.hostile.expired({ scopes: ['read:users'] }))
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      })

      it("answers 401 invalid_token to another project's token", async () => {
        const response = await call('GET', '/users', await issuer.hostile.wrongAudience({ scopes: ['read:users'] }))
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      })

      it('accepts a token a client got from the token endpoint with its id and secret', async () => {
        const { client, clientSecret } = await issuer.clients.create({ scopes: ['read:users'] })
        const tokens = createTokenSource({
          projectId: issuer.projectId,
          clientId: client.client_id,
          clientSecret,
          baseUrl: stytch.url,
        })
        const response = await tokens.fetch(`${app.url}/users`)
        expect(response.status).toBe(200)
        tokens.close()
      })
    })

    describe('POST /users', () => {
      it('creates the user for a token granting write:users and names the caller', async () => {
        const response = await call('POST', '/users', write, { name: 'Ada' })
        expect(response.status).toBe(201)
        expect(await response.json()).toEqual({ user: { id: 2, name: 'Ada' }, createdBy: WRITER })
        expect(await userNames()).toContain('Ada')
      })

      it('answers 403 naming write:users to a read-only token, and creates nothing', async () => {
        const response = await call('POST', '/users', read, { name: 'Mallory' })
        expect(response.status).toBe(403)
        expect(response.headers.get('www-authenticate')).toMatch(/error="insufficient_scope".*scope="write:users"/)
        expect(await userNames()).not.toContain('Mallory')
      })

      it('answers 401 invalid_token to a read-only token whose scope was edited, and creates nothing', async () => {
        const tampered = await issuer.hostile.tamperedPayload({
          clientId: READER,
          scopes: ['read:users'],
          tamper: (claims) => ({ ...claims, scope: 'read:users write:users' }),
        })
        const response = await call('POST', '/users', tampered, { name: 'Mallory' })
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
        expect(await userNames()).not.toContain('Mallory')
      })

      it('answers 401 without a token', async () => {
        const response = await call('POST', '/users', undefined, { name: 'Mallory' })
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toBe('Bearer realm="api"')
      })

      it('answers 400 to an authorized request without a name', async () => {
        const response = await call('POST', '/users', write, {})
        expect(response.status).toBe(400)
      })
    })

    describe('GET /whoami', () => {
      it('answers anonymous without a token', async () => {
        const response = await call('GET', '/whoami')
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ anonymous: true })
      })

      it("answers the caller's client id and scopes with a token", async () => {
        const response = await call('GET', '/whoami', read)
        expect(response.status).toBe(200)
        expect(await response.json()).toEqual({ anonymous: false, clientId: READER, scopes: ['read:users'] })
      })

      it('refuses an invalid token instead of treating the caller as anonymous', async () => {
        const response = await call('GET', '/whoami', await issuer.hostile.foreignKey())
        expect(response.status).toBe(401)
        expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      })
    })

    describe(`${framework} specifics`, () => extras?.(() => ({ url: app.url, issuer })))
  })
}
