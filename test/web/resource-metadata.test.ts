// RFC 9728 protected-resource metadata through the Fetch adapters (@m2m-guard/hono, @m2m-guard/web): the same
// document and challenges as test/adapters/resource-metadata.test.ts asks of Express, Koa and Fastify, in process
// (Hono's `app.request`, a wrapped handler called with a `Request`).
import { createResourceMetadata, createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { type M2MEnv, m2mAuth } from '@m2m-guard/hono'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import { createM2M, metadataHandler, withM2M } from '@m2m-guard/web'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ORIGIN = 'https://mcp.example.com'
const RESOURCE = `${ORIGIN}/mcp`
const METADATA_PATH = '/.well-known/oauth-protected-resource/mcp'
const METADATA_URL = `${ORIGIN}${METADATA_PATH}`
const resourceMetadata = createResourceMetadata({
  resource: RESOURCE,
  authorizationServers: ['https://login.example.com'],
  scopesSupported: ['read:users', 'write:users'],
  maxAge: 600,
})
const DOCUMENT = {
  resource: RESOURCE,
  authorization_servers: ['https://login.example.com'],
  scopes_supported: ['read:users', 'write:users'],
  bearer_methods_supported: ['header'],
}
const PREFLIGHT = { origin: 'https://app.example', 'access-control-request-method': 'GET' }

/** An app as a Fetch function: the guard with `requiredScopes: ['read:users']`, `/mcp` answering 200. */
type App = (request: Request) => Promise<Response>

const honoApp = (verifier: Verifier): App => {
  const app = new Hono<M2MEnv>()
  app.use(m2mAuth({ verifier, requiredScopes: ['read:users'], resourceMetadata }))
  app.all('/mcp', (c) => c.json({ caller: c.var.m2m.clientId }))
  return async (request) => app.fetch(request)
}

// Mounted only on /mcp: the metadata path reaches `auth.serveMetadata`, never `auth`.
const honoServeMetadata = (verifier: Verifier): App => {
  const app = new Hono<M2MEnv>()
  const auth = m2mAuth({ verifier, requiredScopes: ['read:users'], resourceMetadata })
  app.use(auth.serveMetadata)
  app.use('/mcp', auth)
  app.all('/mcp', (c) => c.json({ caller: c.var.m2m.clientId }))
  return async (request) => app.fetch(request)
}

// One handler for every path, as a Worker's `fetch` or `Bun.serve({ fetch })` is.
const webWithM2M = (verifier: Verifier): App => {
  const handler = withM2M((_request, auth) => Response.json({ caller: auth.clientId }), {
    verifier,
    requiredScopes: ['read:users'],
    resourceMetadata,
  })
  return async (request) => handler(request)
}

// The scopes come from the route here: the 401 must name them too.
const webCreateM2M = (verifier: Verifier): App => {
  const m2m = createM2M({ verifier, resourceMetadata })
  const handler = m2m.withM2M((_request, auth) => Response.json({ caller: auth.clientId }), {
    requiredScopes: ['read:users'],
  })
  return async (request) => handler(request)
}

const APPS: ReadonlyArray<readonly [string, (verifier: Verifier) => App]> = [
  ['Hono m2mAuth app-wide', honoApp],
  ['Hono auth.serveMetadata', honoServeMetadata],
  ['web withM2M', webWithM2M],
  ['web createM2M().withM2M', webCreateM2M],
]

let issuer: TestIssuer
let verifier: Verifier
let stytch: { url: string; close(): Promise<void> }

beforeAll(async () => {
  issuer = await createTestIssuer()
  stytch = await issuer.listen()
  verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: stytch.url })
})
afterAll(() => stytch.close())

const call = (app: App, path: string, init: RequestInit = {}): Promise<Response> =>
  app(new Request(`${ORIGIN}${path}`, init))

describe.each(APPS)('resourceMetadata on %s', (_name, make) => {
  let app: App
  beforeAll(() => {
    app = make(verifier)
  })

  it('serves the document at its well-known path without a token, readable from any origin, cacheable', async () => {
    // A token that is no token at all: the document is served before the Authorization header is read.
    const answer = await call(app, `${METADATA_PATH}?probe=1`, { headers: { authorization: 'Bearer not-a-token' } })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.headers.get('cache-control')).toBe('public, max-age=600')
    expect(answer.headers.get('www-authenticate')).toBeNull()
    expect(await answer.json()).toEqual(DOCUMENT)
  })

  it('answers HEAD with the headers and no body', async () => {
    const answer = await call(app, METADATA_PATH, { method: 'HEAD' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.headers.get('cache-control')).toBe('public, max-age=600')
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(await answer.text()).toBe('')
  })

  it('answers other methods with 405 and Allow, still without asking for a token', async () => {
    const answer = await call(app, METADATA_PATH, { method: 'DELETE' })
    expect(answer.status).toBe(405)
    expect(answer.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.headers.get('www-authenticate')).toBeNull()
  })

  it('answers its CORS preflight itself', async () => {
    const answer = await call(app, METADATA_PATH, { method: 'OPTIONS', headers: PREFLIGHT })
    expect(answer.status).toBe(204)
    expect(answer.headers.get('access-control-allow-origin')).toBe('*')
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, HEAD')
  })

  it('names the metadata and the route scopes in the 401 challenge, and exposes it to browsers', async () => {
    const answer = await call(app, '/mcp')
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toBe(
      `Bearer realm="api", scope="read:users", resource_metadata="${METADATA_URL}"`,
    )
    expect(answer.headers.get('access-control-expose-headers')).toBe('WWW-Authenticate')
  })

  it('names the metadata in a 401 for a bad token', async () => {
    const token = await issuer.mint({ scopes: ['read:users'], exp: Math.floor(Date.now() / 1000) - 600 })
    const answer = await call(app, '/mcp', { headers: { authorization: `Bearer ${token}` } })
    expect(answer.status).toBe(401)
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"')
    expect(answer.headers.get('www-authenticate')).toContain(`resource_metadata="${METADATA_URL}"`)
  })

  it('names the metadata in the 403 insufficient_scope challenge, with the scope needed', async () => {
    const token = await issuer.mint({ scopes: ['write:users'] })
    const answer = await call(app, '/mcp', { headers: { authorization: `Bearer ${token}` } })
    expect(answer.status).toBe(403)
    const challenge = answer.headers.get('www-authenticate')
    expect(challenge).toContain('error="insufficient_scope"')
    expect(challenge).toContain('scope="read:users"')
    expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`)
  })

  it('serves nothing at a look-alike of the metadata path (401 where guarded, 404 where no route is)', async () => {
    for (const path of [`${METADATA_PATH}/more`, `/mcp${METADATA_PATH}`, METADATA_PATH.slice(0, -1)]) {
      const answer = await call(app, path)
      expect([401, 404]).toContain(answer.status)
      expect(answer.headers.get('access-control-allow-origin')).toBeNull()
    }
  })

  it('lets a valid token through', async () => {
    const token = await issuer.mint({ clientId: 'm2m-client-test-meta', scopes: ['read:users'] })
    const answer = await call(app, '/mcp', { headers: { authorization: `Bearer ${token}` } })
    expect(answer.status).toBe(200)
    expect(await answer.json()).toEqual({ caller: 'm2m-client-test-meta' })
  })
})

describe('serving the metadata on a route of its own (@m2m-guard/web)', () => {
  it('m2m.serveMetadata(request) answers the metadata path and nothing else', async () => {
    const m2m = createM2M({ verifier, resourceMetadata })
    const served = m2m.serveMetadata(new Request(`${ORIGIN}${METADATA_PATH}`))
    expect(served?.status).toBe(200)
    expect(await served?.json()).toEqual(DOCUMENT)
    expect(m2m.serveMetadata(new Request(`${ORIGIN}/mcp`))).toBeUndefined()
    expect(createM2M({ verifier }).serveMetadata(new Request(`${ORIGIN}${METADATA_PATH}`))).toBeUndefined()
  })

  it.each([
    ['m2m.metadataHandler()', () => createM2M({ verifier, resourceMetadata }).metadataHandler()],
    ['metadataHandler(resourceMetadata)', () => metadataHandler(resourceMetadata)],
  ])('%s serves GET, HEAD, a preflight and 405, and 404 for another path of a catch-all route', async (_name, make) => {
    const serve = make()
    const get = serve(new Request(`${ORIGIN}${METADATA_PATH}`))
    expect(get.status).toBe(200)
    expect(get.headers.get('cache-control')).toBe('public, max-age=600')
    expect(get.headers.get('access-control-allow-origin')).toBe('*')
    expect(await get.json()).toEqual(DOCUMENT)
    const head = serve(new Request(`${ORIGIN}${METADATA_PATH}`, { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(head.headers.get('content-length')).toBe(String(JSON.stringify(DOCUMENT).length))
    expect(await head.text()).toBe('')
    expect(serve(new Request(`${ORIGIN}${METADATA_PATH}`, { method: 'OPTIONS', headers: PREFLIGHT })).status).toBe(204)
    const post = serve(new Request(`${ORIGIN}${METADATA_PATH}`, { method: 'POST' }))
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toBe('GET, HEAD, OPTIONS')
    expect(serve(new Request(`${ORIGIN}/.well-known/oauth-protected-resource/other`)).status).toBe(404)
  })

  it('refuses to build a metadata handler without metadata', () => {
    expect(() => createM2M({ verifier }).metadataHandler()).toThrow(/option "resourceMetadata"/)
    expect(() => metadataHandler({ ...resourceMetadata })).toThrow(/option "resourceMetadata"/)
  })
})

describe('without resourceMetadata', () => {
  it('the Hono middleware and the web handler authenticate the well-known path like any other', async () => {
    const app = new Hono()
    const auth = m2mAuth({ verifier })
    app.use(auth.serveMetadata)
    app.use(auth)
    app.all('*', (c) => c.text('ok'))
    const hono = await app.request(METADATA_PATH)
    expect(hono.status).toBe(401)
    expect(hono.headers.get('www-authenticate')).toBe('Bearer realm="api"')
    const web = await withM2M(() => new Response('ok'), { verifier })(new Request(`${ORIGIN}${METADATA_PATH}`))
    expect(web.status).toBe(401)
  })
})
