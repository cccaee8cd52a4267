import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTokenSource } from '@m2m-guard/client'
import { http, passthrough } from 'msw'
import { afterEach, describe, expect, it } from 'vitest'
import {
  CLIENT_ID,
  manualClock,
  PROJECT_ID,
  SECRET,
  scriptedTokenEndpoint,
  tokenResponse,
  useMsw,
} from './helpers/token-endpoint.js'

const server = useMsw()

const options = { projectId: PROJECT_ID, clientId: CLIENT_ID, clientSecret: SECRET, retry: { maxAttempts: 1 } }

const validBody = (padding = 0): string =>
  JSON.stringify({
    access_token: 'tok-1',
    token_type: 'bearer',
    expires_in: 3600,
    request_id: `req-${'x'.repeat(padding)}`,
  })

/** Starts a loopback token endpoint that streams an endless body, and reports how far it got. */
async function endlessEndpoint(): Promise<{ baseUrl: string; outcome: Promise<'stopped' | 'finished'> }> {
  const chunk = Buffer.alloc(64 * 1024, 0x20)
  // Far more than any limit: 64 MiB, the size that grew memory by about 290 MiB before (issue 11).
  const total = 1024
  let settle: (value: 'stopped' | 'finished') => void = () => undefined
  const outcome = new Promise<'stopped' | 'finished'>((resolve) => {
    settle = resolve
  })
  const httpServer = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' })
    response.on('close', () => settle(response.writableFinished ? 'finished' : 'stopped'))
    let sent = 0
    const pump = (): void => {
      while (sent < total && !response.destroyed) {
        sent++
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      if (sent >= total) response.end()
    }
    pump()
  })
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve))
  closers.push(() => {
    httpServer.closeAllConnections()
    return new Promise((resolve) => httpServer.close(() => resolve()))
  })
  const { port } = httpServer.address() as AddressInfo
  return { baseUrl: `http://127.0.0.1:${port}`, outcome }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()))
})

describe('the size of the token endpoint answer (issue 11, finding 9)', () => {
  it('is capped while streaming: the transfer stops early with ERR_RESPONSE_TOO_LARGE', async () => {
    const { baseUrl, outcome } = await endlessEndpoint()
    // msw refuses unhandled requests; this one goes to the real loopback server.
    server.use(http.post(`${baseUrl}/*`, () => passthrough()))
    const tokens = createTokenSource({ ...options, baseUrl })
    await expect(tokens.getToken()).rejects.toMatchObject({
      code: 'ERR_RESPONSE_TOO_LARGE',
      responseStatus: 200,
      maxResponseBytes: 65_536,
    })
    // The server was cut off long before it could send its 64 MiB.
    expect(await outcome).toBe('stopped')
  })

  it('is refused before reading when Content-Length declares more than the cap', async () => {
    let pulls = 0
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          pulls++
          controller.enqueue(new TextEncoder().encode(validBody()))
          controller.close()
        },
      },
      // No read-ahead: `pull` runs only when someone reads.
      { highWaterMark: 0 },
    )
    const big = new Response(body, {
      headers: { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
    })
    const tokens = createTokenSource({ ...options, fetch: async () => big })
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE', responseStatus: 200 })
    expect(pulls).toBe(0)
  })

  it('follows maxResponseBytes, for error answers too', async () => {
    scriptedTokenEndpoint(server, [new Response(validBody(2000), { headers: { 'content-type': 'application/json' } })])
    expect(await createTokenSource(options).getToken()).toBe('tok-1')
    const small = createTokenSource({ ...options, maxResponseBytes: 1024 })
    await expect(small.getToken()).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE', maxResponseBytes: 1024 })
    scriptedTokenEndpoint(server, [new Response(`{"error":"${'x'.repeat(2000)}"}`, { status: 400 })])
    await expect(small.getToken()).rejects.toMatchObject({ code: 'ERR_RESPONSE_TOO_LARGE', responseStatus: 400 })
  })

  it.each([0, 1.5, -1, Number.NaN, 16_777_217, '65536'])('refuses maxResponseBytes %s', (value) => {
    expect(() => createTokenSource({ ...options, maxResponseBytes: value as number })).toThrow(
      expect.objectContaining({ name: 'TypeError', message: expect.stringContaining('"maxResponseBytes"') }),
    )
  })
})

/** A JWT-shaped token (unsigned: the client never verifies) whose payload carries `exp`. */
const jwtExpiringAt = (exp: number): string => {
  const part = (value: object): string => Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ sub: CLIENT_ID, exp })}.c2lnbmF0dXJl`
}

describe('the lifetime of a token (issue 11, finding 9)', () => {
  function source(answer: (now: number) => Response) {
    const clock = manualClock()
    const seen = scriptedTokenEndpoint(server, [() => answer(clock.now())])
    const tokens = createTokenSource({ ...options, clock: clock.now })
    return { clock, seen, tokens }
  }

  it('never runs past the exp of the JWT, whatever expires_in says', async () => {
    const { clock, seen, tokens } = source((now) => tokenResponse(jwtExpiringAt(Math.floor(now / 1000) + 600), 1e12))
    const first = await tokens.getToken()
    clock.advance(599)
    const second = await tokens.getToken()
    expect(second).not.toBe(first)
    expect(seen).toHaveLength(2)
  })

  it('is capped at a day when the token is not a JWT', async () => {
    let minted = 0
    const { clock, seen, tokens } = source(() => tokenResponse(`opaque-${++minted}`, 1e12))
    expect(await tokens.getToken()).toBe('opaque-1')
    clock.advance(86_400 - 1)
    expect(await tokens.getToken()).toBe('opaque-2')
    expect(seen).toHaveLength(2)
  })

  it('follows a shorter expires_in than the JWT exp', async () => {
    const { clock, seen, tokens } = source((now) => tokenResponse(jwtExpiringAt(Math.floor(now / 1000) + 3600), 60))
    await tokens.getToken()
    clock.advance(59)
    await tokens.getToken()
    expect(seen).toHaveLength(2)
  })

  it('refuses a JWT that has already expired with ERR_TOKEN_RESPONSE_INVALID', async () => {
    const { tokens } = source((now) => tokenResponse(jwtExpiringAt(Math.floor(now / 1000) - 10), 3600))
    await expect(tokens.getToken()).rejects.toMatchObject({ code: 'ERR_TOKEN_RESPONSE_INVALID', responseStatus: 200 })
  })
})
