// RFC 9728 protected-resource metadata through every adapter built on the kit: one option (`resourceMetadata`),
// the same document, the same challenges. Each framework major is driven over a real port.
import { createServer, type Server } from 'node:http'
import { createResourceMetadata, createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { m2mAuth as expressAuth } from '@m2m-guard/express'
import { m2mGuard } from '@m2m-guard/fastify'
import { m2mAuth as koaAuth } from '@m2m-guard/koa'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import express4 from 'express4'
import express5 from 'express5'
import fastify4 from 'fastify4'
import type { FastifyInstance } from 'fastify5'
import fastify5 from 'fastify5'
import koa2 from 'koa2'
import koa3 from 'koa3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { close, listen } from './harness/harness.js'
import { send } from './http-client.js'

const RESOURCE = 'https://mcp.example.com/mcp'
const METADATA_PATH = '/.well-known/oauth-protected-resource/mcp'
const METADATA_URL = `https://mcp.example.com${METADATA_PATH}`
const resourceMetadata = createResourceMetadata({
  resource: RESOURCE,
  authorizationServers: ['https://login.example.com'],
  scopesSupported: ['read:users', 'write:users'],
  maxAge: 600,
})

/** An app: the guard app-wide with `requiredScopes: ['read:users']`, `GET /mcp` answering 200. */
type Start = (verifier: Verifier) => Promise<{ port: number; close(): Promise<void> }>

const expressStart =
  (express: typeof express5): Start =>
  async (verifier) => {
    const app = express()
    app.use(expressAuth({ verifier, requiredScopes: ['read:users'], resourceMetadata }))
    app.get('/mcp', (_req, res) => {
      res.json({ ok: true })
    })
    const server = createServer(app)
    return { port: await listen(server), close: () => close(server) }
  }

const koaStart =
  (Koa: typeof koa3): Start =>
  async (verifier) => {
    const app = new Koa()
    app.use(koaAuth({ verifier, requiredScopes: ['read:users'], resourceMetadata }))
    app.use((ctx) => {
      ctx.body = { ok: true }
    })
    const server: Server = createServer(app.callback())
    return { port: await listen(server), close: () => close(server) }
  }

const fastifyStart =
  (fastify: () => FastifyInstance): Start =>
  async (verifier) => {
    const app = fastify()
    await app.register(m2mGuard, { verifier, requiredScopes: ['read:users'], resourceMetadata })
    app.get('/mcp', async () => ({ ok: true }))
    await app.listen({ port: 0, host: '127.0.0.1' })
    const address = app.server.address()
    return { port: typeof address === 'object' && address !== null ? address.port : 0, close: () => app.close() }
  }

const FRAMEWORKS: ReadonlyArray<readonly [string, Start]> = [
  ['Express 4', expressStart(express4)],
  ['Express 5', expressStart(express5)],
  ['Koa 2', koaStart(koa2)],
  ['Koa 3', koaStart(koa3)],
  ['Fastify 4', fastifyStart(fastify4 as unknown as () => FastifyInstance)],
  ['Fastify 5', fastifyStart(fastify5 as unknown as () => FastifyInstance)],
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

describe.each(FRAMEWORKS)('resourceMetadata on %s', (_name, start) => {
  let app: { port: number; close(): Promise<void> }
  beforeAll(async () => {
    app = await start(verifier)
  })
  afterAll(() => app.close())

  it('serves the document at its well-known path without a token, readable from any origin, cacheable', async () => {
    const answer = await send(app.port, 'GET', METADATA_PATH, {})
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^application\/json/)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    expect(answer.headers['cache-control']).toBe('public, max-age=600')
    expect(answer.body).toEqual({
      resource: RESOURCE,
      authorization_servers: ['https://login.example.com'],
      scopes_supported: ['read:users', 'write:users'],
      bearer_methods_supported: ['header'],
    })
  })

  it('answers HEAD with the headers and no body', async () => {
    // fetch, not the suite's client: that one parses an application/json body, and HEAD has none.
    const answer = await fetch(`http://127.0.0.1:${app.port}${METADATA_PATH}`, { method: 'HEAD' })
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.headers.get('cache-control')).toBe('public, max-age=600')
    expect(await answer.text()).toBe('')
  })

  it('answers other methods with 405 and Allow, still without asking for a token', async () => {
    const answer = await send(app.port, 'DELETE', METADATA_PATH, {})
    expect(answer.status).toBe(405)
    expect(answer.headers.allow).toBe('GET, HEAD, OPTIONS')
    expect(answer.headers['www-authenticate']).toBeUndefined()
  })

  it('names the metadata and the route scopes in the 401 challenge, and exposes it to browsers', async () => {
    const answer = await send(app.port, 'GET', '/mcp', {})
    expect(answer.status).toBe(401)
    expect(answer.headers['www-authenticate']).toBe(
      `Bearer realm="api", scope="read:users", resource_metadata="${METADATA_URL}"`,
    )
    expect(answer.headers['access-control-expose-headers']).toBe('WWW-Authenticate')
  })

  it('names the metadata in a 401 for a bad token', async () => {
    const token = await issuer.mint({ scopes: ['read:users'], exp: Math.floor(Date.now() / 1000) - 600 })
    const answer = await send(app.port, 'GET', '/mcp', { authorization: `Bearer ${token}` })
    expect(answer.status).toBe(401)
    expect(answer.headers['www-authenticate']).toContain('error="invalid_token"')
    expect(answer.headers['www-authenticate']).toContain(`resource_metadata="${METADATA_URL}"`)
  })

  it('names the metadata in the 403 insufficient_scope challenge, with the scope needed', async () => {
    const token = await issuer.mint({ scopes: ['write:users'] })
    const answer = await send(app.port, 'GET', '/mcp', { authorization: `Bearer ${token}` })
    expect(answer.status).toBe(403)
    const challenge = answer.headers['www-authenticate']
    expect(challenge).toContain('error="insufficient_scope"')
    expect(challenge).toContain('scope="read:users"')
    expect(challenge).toContain(`resource_metadata="${METADATA_URL}"`)
  })

  it('lets a valid token through', async () => {
    const token = await issuer.mint({ scopes: ['read:users'] })
    const answer = await send(app.port, 'GET', '/mcp', { authorization: `Bearer ${token}` })
    expect(answer.status).toBe(200)
  })
})
