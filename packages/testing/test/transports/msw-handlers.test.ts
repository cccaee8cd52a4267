import { decodeJwt } from 'jose'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestIssuer, type TestIssuer } from '../../src/index.js'
import { UNHANDLED_IS_ERROR } from '../support/msw-strict.js'

const server = setupServer()
let issuer: TestIssuer
let live: TestIssuer

beforeAll(async () => {
  issuer = await createTestIssuer({
    baseUrl: 'https://stytch.internal.example',
    customDomain: 'https://login.example.com',
  })
  live = await createTestIssuer({ projectId: 'project-live-00000000-0000-4000-8000-000000000000' })
  server.listen(UNHANDLED_IS_ERROR)
})
afterEach(() => {
  server.resetHandlers()
  issuer.faults.reset()
})
afterAll(() => server.close())

async function getToken(target: TestIssuer, origin: string): Promise<string> {
  const { client, clientSecret } = await target.clients.create({ scopes: [] })
  const response = await fetch(`${origin}/v1/public/${target.projectId}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: client.client_id,
      client_secret: clientSecret,
    }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

describe('msw handlers', () => {
  it('serve every JWKS path at Stytch’s host, the base URL and the custom domain', async () => {
    server.use(...issuer.handlers())
    for (const origin of ['https://test.stytch.com', 'https://stytch.internal.example', 'https://login.example.com']) {
      for (const path of [
        `/v1/sessions/jwks/${issuer.projectId}`,
        `/v1/b2b/sessions/jwks/${issuer.projectId}`,
        '/.well-known/jwks.json',
      ]) {
        const response = await fetch(`${origin}${path}`)
        expect(response.status).toBe(200)
        expect(((await response.json()) as { keys: unknown[] }).keys).toHaveLength(1)
      }
    }
    expect(issuer.counters.jwks).toBe(9)
  })

  it('serve live projects at api.stytch.com', async () => {
    server.use(...live.handlers())
    expect((await fetch(live.jwksUrl)).status).toBe(200)
    expect(live.jwksUrl.startsWith('https://api.stytch.com/')).toBe(true)
  })

  it('issue tokens with stytch.com/<id> as iss, and the custom domain as iss through the custom domain', async () => {
    server.use(...issuer.handlers())
    expect(decodeJwt(await getToken(issuer, 'https://test.stytch.com')).iss).toBe(issuer.issuer)
    expect(decodeJwt(await getToken(issuer, 'https://login.example.com')).iss).toBe('https://login.example.com')
  })

  it('serve the client API at Stytch’s host', async () => {
    server.use(...issuer.handlers())
    const response = await fetch('https://test.stytch.com/v1/m2m/clients', {
      method: 'POST',
      headers: {
        authorization: `Basic ${btoa(`${issuer.projectId}:${issuer.projectSecret}`)}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ scopes: ['read:users'] }),
    })
    expect(response.status).toBe(200)
  })

  it('leave endpoints the fake does not implement unhandled, so onUnhandledRequest catches them', async () => {
    server.use(...issuer.handlers())
    const printed = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    // msw refuses each (and says so) rather than letting it out to fail on the network.
    for (const url of ['https://test.stytch.com/v1/users', 'https://other.example.com/.well-known/jwks.json']) {
      printed.mockClear()
      await expect(fetch(url)).rejects.toThrow()
      expect(printed).toHaveBeenCalled()
    }
  })

  it('turn the network fault into a failed fetch', async () => {
    server.use(...issuer.handlers())
    issuer.faults.jwks('network')
    await expect(fetch(issuer.jwksUrl)).rejects.toThrow(TypeError)
  })

  it('hold a timed-out request until the caller aborts it', async () => {
    server.use(...issuer.handlers())
    issuer.faults.jwks('timeout')
    const controller = new AbortController()
    const pending = fetch(issuer.jwksUrl, { signal: controller.signal })
    await vi.waitFor(() => expect(issuer.counters.jwks).toBeGreaterThan(0))
    controller.abort()
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
  })
})
