import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestIssuer, type RunningServer, type TestIssuer } from '../../src/index.js'
import { isLoopbackHost } from '../../src/transports/node-server.js'
import { basic } from '../support/requests.js'

let issuer: TestIssuer
let running: RunningServer

beforeAll(async () => {
  issuer = await createTestIssuer()
  running = await issuer.listen()
})
afterAll(() => running.close())

async function tokenFrom(server: RunningServer, target: TestIssuer): Promise<string> {
  const { client, clientSecret } = await target.clients.create({ scopes: ['read:users'] })
  const response = await fetch(server.tokenUrl, {
    method: 'POST',
    headers: {
      authorization: basic(client.client_id, clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('cache-control')).toBe('no-store')
  return ((await response.json()) as { access_token: string }).access_token
}

describe('listen', () => {
  it('binds 127.0.0.1 on a free port and reports its URLs', () => {
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`)
    expect(running.jwksUrl).toBe(`${running.url}/.well-known/jwks.json`)
    expect(running.tokenUrl).toBe(`${running.url}/v1/public/${issuer.projectId}/oauth2/token`)
  })

  it('serves the JWKS at the well-known and the Stytch paths over real HTTP', async () => {
    for (const path of ['/.well-known/jwks.json', `/v1/sessions/jwks/${issuer.projectId}`]) {
      const response = await fetch(`${running.url}${path}`)
      expect(response.status).toBe(200)
      expect(response.headers.get('cache-control')).toBe('public, max-age=900')
      expect(await response.json()).toMatchObject({ status_code: 200, keys: issuer.jwks().keys })
    }
  })

  it('issues tokens whose iss is the one the verifier expects: stytch.com/<id>', async () => {
    expect(decodeJwt(await tokenFrom(running, issuer)).iss).toBe(issuer.issuer)
  })

  it('issues tokens with the custom domain as iss when one is configured, or the issuer option', async () => {
    const custom = await createTestIssuer({ customDomain: 'https://login.example.com' })
    const customServer = await custom.listen()
    const overridden = await custom.listen({ issuer: 'https://override.example.com' })
    try {
      expect(decodeJwt(await tokenFrom(customServer, custom)).iss).toBe('https://login.example.com')
      expect(decodeJwt(await tokenFrom(overridden, custom)).iss).toBe('https://override.example.com')
    } finally {
      await Promise.all([customServer.close(), overridden.close()])
    }
  })

  it('serves the client API with project credentials', async () => {
    const response = await fetch(`${running.url}/v1/m2m/clients/search`, {
      method: 'POST',
      headers: { authorization: basic(issuer.projectId, issuer.projectSecret), 'content-type': 'application/json' },
      body: JSON.stringify({ limit: 1 }),
    })
    expect(response.status).toBe(200)
    const unauthorized = await fetch(`${running.url}/v1/m2m/clients/search`, { method: 'POST', body: '{}' })
    expect(unauthorized.status).toBe(401)
    expect(unauthorized.headers.get('www-authenticate')).toBe('Basic realm="stytch"')
  })

  it('answers 404 for unknown paths and refuses bodies over 1 MiB with 413', async () => {
    expect((await fetch(`${running.url}/nope`)).status).toBe(404)
    const large = await fetch(running.tokenUrl, { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) })
    expect(large.status).toBe(413)
  })

  it('drops the connection for the network fault', async () => {
    issuer.faults.jwks('network', { times: 1 })
    await expect(fetch(running.jwksUrl)).rejects.toThrow(TypeError)
    expect((await fetch(running.jwksUrl)).status).toBe(200)
  })

  it('holds a timed-out request until the client aborts it', async () => {
    issuer.resetCounters()
    issuer.faults.jwks('timeout')
    try {
      const controller = new AbortController()
      const pending = fetch(running.jwksUrl, { signal: controller.signal })
      await vi.waitFor(() => expect(issuer.counters.jwks).toBe(1))
      controller.abort()
      await expect(pending).rejects.toMatchObject({ name: 'AbortError' })
    } finally {
      issuer.faults.reset()
    }
  })

  it('closes idempotently, even with a request held open', async () => {
    const local = await createTestIssuer()
    const server = await local.listen({ port: 0, host: 'localhost' })
    local.faults.jwks('timeout')
    const held = fetch(server.jwksUrl).catch((error: unknown) => error)
    await vi.waitFor(() => expect(local.counters.jwks).toBe(1))
    await Promise.all([server.close(), server.close()])
    await server.close()
    expect(await held).toBeInstanceOf(TypeError)
    await expect(fetch(server.jwksUrl)).rejects.toThrow(TypeError)
  })

  it('refuses non-loopback hosts unless explicitly allowed, and invalid ports', async () => {
    await expect(issuer.listen({ host: '0.0.0.0' })).rejects.toThrow(TypeError)
    await expect(issuer.listen({ host: '192.168.1.10' })).rejects.toThrow(TypeError)
    await expect(issuer.listen({ port: 70_000 })).rejects.toThrow(TypeError)
    await expect(issuer.listen({ port: 1.5 })).rejects.toThrow(TypeError)
  })

  it('reports a port in use', async () => {
    await expect(issuer.listen({ port: running.port })).rejects.toMatchObject({ code: 'EADDRINUSE' })
  })
})

describe('isLoopbackHost', () => {
  it.each(['127.0.0.1', '127.1.2.3', 'localhost', 'LOCALHOST', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'accepts %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true)
    },
  )

  it.each(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.com', '127.0.0.1.example.com'])('refuses %s', (host) => {
    expect(isLoopbackHost(host)).toBe(false)
  })
})
