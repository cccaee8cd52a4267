import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createStytchVerifier, type Verifier } from '@m2m-guard/core'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js'
import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTokenVerifier, toSdkError } from '../src/index.js'

let issuer: TestIssuer
let stytch: { url: string; close(): Promise<void> }
const RESOURCE = 'https://mcp.example.com/mcp'

beforeAll(async () => {
  issuer = await createTestIssuer()
  stytch = await issuer.listen()
})
afterAll(() => stytch.close())

const stytchVerifier = (extra: Record<string, unknown> = {}): Verifier =>
  createStytchVerifier({ projectId: issuer.projectId, baseUrl: stytch.url, ...extra })

/** The SDK's own bearer middleware in front of a handler that echoes `req.auth`, on a real port. */
async function sdkServer(verifier: Verifier, options: { requiredScopes?: string[]; expectedResource?: URL } = {}) {
  const app = express()
  app.use(
    requireBearerAuth({
      verifier: createTokenVerifier({ verifier, resource: options.expectedResource ? RESOURCE : undefined }),
      requiredScopes: options.requiredScopes,
      resourceMetadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource/mcp',
      expectedResource: options.expectedResource,
    }),
  )
  app.post('/mcp', (req, res) => {
    res.json((req as unknown as { auth: unknown }).auth)
  })
  const server = createServer(app)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`
  const call = (token?: string) =>
    fetch(url, { method: 'POST', headers: token === undefined ? {} : { authorization: `Bearer ${token}` } })
  return { call, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}

describe('createTokenVerifier behind the SDK’s requireBearerAuth', () => {
  it('hands the SDK an AuthInfo for an M2M token: clientId, scopes, expiresAt in seconds, kind', async () => {
    const server = await sdkServer(stytchVerifier())
    try {
      const token = await issuer.mint({ clientId: 'm2m-client-test-agent', scopes: ['read:users'], lifetime: 600 })
      const response = await server.call(token)
      expect(response.status).toBe(200)
      const auth = (await response.json()) as Record<string, unknown>
      expect(auth).toMatchObject({
        token,
        clientId: 'm2m-client-test-agent',
        scopes: ['read:users'],
        extra: { kind: 'm2m' },
      })
      const exp = JSON.parse(Buffer.from(token.split('.')[1] as string, 'base64url').toString()).exp
      expect(auth.expiresAt).toBe(exp)
    } finally {
      await server.close()
    }
  })

  it('puts the user and the kind of a Connected Apps token in extra, and the bound resource in resource', async () => {
    const verifier = stytchVerifier({ tokenKinds: ['m2m', 'connected-app'], requiredAudience: RESOURCE })
    const server = await sdkServer(verifier, { expectedResource: new URL(RESOURCE) })
    try {
      const subject = 'user-test-00000000-0000-4000-8000-00000000000a'
      const token = await issuer.mint({ connectedApp: { subject, audiences: [RESOURCE] }, scopes: 'openid read:users' })
      const response = await server.call(token)
      expect(response.status).toBe(200)
      expect(await response.json()).toMatchObject({
        resource: RESOURCE,
        extra: { kind: 'connected-app', subject },
      })
    } finally {
      await server.close()
    }
  })

  it('refuses a token for another resource (RFC 8707 audience) with 401 invalid_token', async () => {
    const verifier = stytchVerifier({ tokenKinds: ['m2m', 'connected-app'], requiredAudience: RESOURCE })
    const server = await sdkServer(verifier)
    try {
      const token = await issuer.mint({ connectedApp: { audiences: ['https://other.example.com/mcp'] } })
      const response = await server.call(token)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
      expect(response.headers.get('www-authenticate')).toContain('resource_metadata="')
    } finally {
      await server.close()
    }
  })

  it('answers 401 invalid_token for an expired token', async () => {
    const server = await sdkServer(stytchVerifier())
    try {
      const token = await issuer.mint({
        exp: Math.floor(Date.now() / 1000) - 600,
        iat: Math.floor(Date.now() / 1000) - 4200,
      })
      const response = await server.call(token)
      expect(response.status).toBe(401)
      expect(response.headers.get('www-authenticate')).toContain('error="invalid_token"')
    } finally {
      await server.close()
    }
  })

  it('answers 403 insufficient_scope when the SDK’s requiredScopes are missing', async () => {
    const server = await sdkServer(stytchVerifier(), { requiredScopes: ['write:users'] })
    try {
      const response = await server.call(await issuer.mint({ scopes: ['read:users'] }))
      expect(response.status).toBe(403)
      expect(response.headers.get('www-authenticate')).toContain('error="insufficient_scope"')
    } finally {
      await server.close()
    }
  })

  it('answers 500, never 401, when the project keys cannot be fetched (a valid token must not be thrown away)', async () => {
    const down = await createTestIssuer()
    down.faults.jwks('error')
    const downServer = await down.listen()
    const verifier = createStytchVerifier({ projectId: down.projectId, baseUrl: downServer.url })
    const server = await sdkServer(verifier)
    try {
      const response = await server.call(await down.mint({ scopes: ['read:users'] }))
      expect(response.status).toBe(500)
      expect(response.headers.get('www-authenticate')).toBeNull()
    } finally {
      await server.close()
      await downServer.close()
    }
  })
})

describe('toSdkError', () => {
  it('keeps the original error as cause, and turns anything uncoded into a ServerError', () => {
    const original = new Error('bug')
    const mapped = toSdkError(original)
    expect(mapped.errorCode).toBe('server_error')
    expect(mapped.cause).toBe(original)
  })

  it('refuses a verifier that is not one, at creation', () => {
    expect(() => createTokenVerifier({ verifier: {} as Verifier })).toThrow(/option "verifier"/)
  })
})
