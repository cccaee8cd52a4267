import type { ServerResponse } from 'node:http'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { JwksUnavailableError } from '../../src/errors/error-classes.js'
import type { FetchJsonError } from '../../src/http/fetch-json-error.js'
import type { JwksCacheOptions } from '../../src/jwks/jwks-cache.js'
import type { JwksDocumentError } from '../../src/jwks/parse-jwks.js'
import { sendJson, serveJson, useLoopbackServer } from '../http/loopback-server.js'
import { type CacheUnderTest, cacheUnderTest } from './cache-harness.js'
import { ecJwk, jwksDocument, keyA, keyB, keyC, privateJwk, rsaJwk } from './jwks-fixtures.js'

// Hostile JWKS endpoints, over real HTTP on 127.0.0.1 with a server that counts requests.

const server = useLoopbackServer()

/** Lets real I/O run (setImmediate is not faked) until `condition` holds. */
async function ioUntil(condition: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve))
  expect(condition()).toBe(true)
}

/** A cache on the loopback server, with an injected clock. */
function harness(options: Partial<JwksCacheOptions> = {}): CacheUnderTest {
  return cacheUnderTest({ url: `${server().origin}/v1/sessions/jwks/project-test-1`, ...options })
}

/** Streams a 50 MB body in 64 KiB chunks, respecting back-pressure, until done or the client goes away. */
function streamHugeBody(written: { bytes: number; closed: boolean }) {
  return (_request: unknown, response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'application/json' })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    response.write('{"keys":[')
    const pump = (): void => {
      while (written.bytes < 50 * 1024 * 1024 && !response.destroyed) {
        written.bytes += chunk.length
        if (!response.write(chunk)) return void response.once('drain', pump)
      }
      response.end()
    }
    response.on('close', () => {
      written.closed = true
    })
    pump()
  }
}

describe('hostile JWKS: cold start', () => {
  it('makes one request for 200 concurrent cold lookups', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk))
    const { cache } = harness()
    const keys = await Promise.all(Array.from({ length: 200 }, () => cache.getKey(keyA.kid)))
    expect(server().hits).toBe(1)
    expect(new Set(keys).size).toBe(1)
  })

  it('sends no credentials or cookies and asks for JSON', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk))
    await harness().cache.warm()
    expect(server().lastHeaders?.accept).toBe('application/json')
    expect(server().lastHeaders?.cookie).toBeUndefined()
    expect(server().lastHeaders?.authorization).toBeUndefined()
  })
})

describe('hostile JWKS: responses that must fail and keep the previous set', () => {
  const cases: [string, (request: { url?: string }, response: ServerResponse) => void, string][] = [
    [
      'a 302 redirect to a set with another key',
      (request, response) => {
        if (request.url === '/moved') return sendJson(response, jwksDocument(keyC.jwk))
        response.writeHead(302, { location: '/moved' }).end()
      },
      'redirect',
    ],
    ['a 301 redirect', (_q, response) => void response.writeHead(301, { location: '/moved' }).end(), 'redirect'],
    ['a 404', (_q, response) => sendJson(response, { error: 'not_found' }, 404), 'status'],
    ['a 429', (_q, response) => sendJson(response, { error: 'slow down' }, 429), 'status'],
    ['a 500', (_q, response) => sendJson(response, jwksDocument(keyC.jwk), 500), 'status'],
    ['a 503', (_q, response) => sendJson(response, '', 503), 'status'],
    ['text/html', (_q, response) => sendJson(response, '<html>sign in</html>', 200, 'text/html'), 'content-type'],
    [
      'JSON sent as text/plain',
      (_q, response) => sendJson(response, jwksDocument(keyC.jwk), 200, 'text/plain'),
      'content-type',
    ],
    ['invalid JSON', (_q, response) => sendJson(response, '{"keys":[{'), 'invalid-json'],
    ['{}', (_q, response) => sendJson(response, {}), 'not-a-jwks'],
    ['{"keys":null}', (_q, response) => sendJson(response, { keys: null }), 'not-a-jwks'],
    ['{"keys":[]}', (_q, response) => sendJson(response, { keys: [] }), 'no-usable-keys'],
    [
      'EC keys only',
      (_q, response) => sendJson(response, jwksDocument(ecJwk('ec-1'), ecJwk('ec-2'))),
      'no-usable-keys',
    ],
    ['a 1024-bit RSA key', (_q, response) => sendJson(response, jwksDocument(rsaJwk('small', 1024))), 'no-usable-keys'],
    ['a private RSA key', (_q, response) => sendJson(response, jwksDocument(privateJwk(keyC))), 'no-usable-keys'],
    ['a body over the cap', (_q, response) => sendJson(response, { keys: [], pad: 'x'.repeat(300_000) }), 'too-large'],
    ['a dropped connection', (_q, response) => void response.socket?.destroy(), 'network'],
  ]

  it.each(cases)('treats %s as a failure and keeps serving the last good keys', async (_name, handle, reason) => {
    server().handle = serveJson(jwksDocument(keyA.jwk, keyB.jwk))
    const { cache, events, advance, settled } = harness()
    await cache.warm()
    const good = cache.peekKey(keyA.kid)
    server().handle = handle
    advance(600)
    expect(cache.peekKey(keyA.kid)).toBe(good)
    await settled()
    const failure = events.find((event) => event.type === 'fetch-failure')
    const error = failure?.type === 'fetch-failure' ? (failure.error as FetchJsonError | JwksDocumentError) : undefined
    expect(error?.reason).toBe(reason)
    expect(cache.peekKey(keyA.kid)).toBe(good)
    expect(cache.peekKey(keyB.kid)?.kid).toBe(keyB.kid)
    expect(cache.peekKey(keyC.kid)).toBeUndefined()
    expect(cache.stats()).toMatchObject({ fetches: 2, failures: 1, staleServed: 2 })
    expect(server().hits).toBe(2)
  })

  it.each(cases)('fails a cold lookup with JwksUnavailableError on %s', async (_name, handle) => {
    server().handle = handle
    const { cache } = harness()
    const error = await cache.getKey(keyA.kid).catch((err: unknown) => err)
    expect(error).toBeInstanceOf(JwksUnavailableError)
    expect(error).toMatchObject({ code: 'ERR_JWKS_UNAVAILABLE', status: 503 })
    expect(String((error as Error).message)).not.toContain('127.0.0.1')
  })

  it('stops reading a 50 MB body early and keeps the previous set', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk))
    const { cache, events, advance, settled } = harness()
    await cache.warm()
    const written = { bytes: 0, closed: false }
    server().handle = streamHugeBody(written)
    advance(600)
    cache.peekKey(keyA.kid)
    await settled()
    const failure = events.find((event) => event.type === 'fetch-failure')
    expect(failure?.type === 'fetch-failure' && (failure.error as FetchJsonError).reason).toBe('too-large')
    await vi.waitFor(() => expect(written.closed).toBe(true))
    // The client hung up after 256 KiB; what the server wrote was only what the socket buffers took.
    expect(written.bytes).toBeLessThan(20 * 1024 * 1024)
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
  })
})

describe('hostile JWKS: a body dripping one byte per second', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fails at the 5 s total timeout although bytes keep arriving, and keeps the previous set', async () => {
    server().handle = serveJson(jwksDocument(keyA.jwk))
    const { cache, events, advance } = harness()
    await cache.warm()
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let dripped = 0
    server().handle = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' })
      response.write('{')
      const drip = (): void => {
        if (response.destroyed) return
        dripped++
        response.write(' ')
        setTimeout(drip, 1000)
      }
      setTimeout(drip, 1000)
    }
    advance(600)
    cache.peekKey(keyA.kid)
    // vi.waitFor would move the fake clock; wait for the request on real I/O turns instead.
    await ioUntil(() => server().hits === 2 && dripped === 0)
    const failed = (): boolean => events.some((event) => event.type === 'fetch-failure')
    for (let second = 1; second < 5; second++) {
      await vi.advanceTimersByTimeAsync(1000)
      await ioUntil(() => dripped === second)
      expect(failed()).toBe(false)
    }
    await vi.advanceTimersByTimeAsync(999)
    expect(failed()).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await ioUntil(failed)
    const failure = events.find((event) => event.type === 'fetch-failure')
    expect(failure?.type === 'fetch-failure' && (failure.error as FetchJsonError).reason).toBe('timeout')
    expect(dripped).toBeGreaterThanOrEqual(4)
    expect(cache.peekKey(keyA.kid)?.kid).toBe(keyA.kid)
  })
})
