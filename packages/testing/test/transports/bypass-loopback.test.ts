// issue 20: with onUnhandledRequest 'error', msw also failed supertest's request to the app on 127.0.0.1.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { bypassLoopback, createTestIssuer, type TestIssuer } from '../../src/index.js'

const server = setupServer()
let issuer: TestIssuer
let app: { url: string; close(): Promise<void> }

beforeAll(async () => {
  issuer = await createTestIssuer()
  server.use(...issuer.handlers())
  server.listen({ onUnhandledRequest: bypassLoopback })
  const local = createServer((_req, res) => res.writeHead(204, { 'x-from': 'local-app' }).end())
  await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve))
  app = {
    url: `http://127.0.0.1:${(local.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => local.close(() => resolve())),
  }
})
afterAll(async () => {
  server.close()
  await app.close()
})

describe('bypassLoopback under msw', () => {
  it('lets a request to a local server through', async () => {
    const response = await fetch(app.url)
    expect(response.status).toBe(204)
    expect(response.headers.get('x-from')).toBe('local-app')
  })

  it('still answers the fake Stytch routes from the handlers', async () => {
    const response = await fetch(issuer.jwksUrl)
    expect(response.status).toBe(200)
  })

  it('fails a request to any other host, without a network call', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    await expect(fetch('https://api.example.com/v1/users')).rejects.toThrow()
  })
})

describe('bypassLoopback', () => {
  it.each(['http://127.0.0.1:3000/', 'http://127.1.2.3/', 'http://localhost:8080/x', 'http://[::1]:3000/'])(
    'does not report %s',
    (url) => {
      const print = { error: vi.fn() }
      bypassLoopback(new Request(url), print)
      expect(print.error).not.toHaveBeenCalled()
    },
  )

  it.each([
    'https://api.stytch.com/v1/x',
    'http://10.0.0.1/',
    'http://localhost.example.com/',
    'http://127.0.0.1.nip.io/',
  ])('reports %s', (url) => {
    const print = { error: vi.fn() }
    bypassLoopback(new Request(url), print)
    expect(print.error).toHaveBeenCalledOnce()
  })
})
