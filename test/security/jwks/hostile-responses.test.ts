import { generateKeyPairSync } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import type { JwksEvent } from '@m2m-guard/core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopback-server.js'
import { ioUntil, jwksDocument, useKeys, useScenarios } from './jwks-scenario.js'

const MAX_AGE_S = 600
const FIFTY_MB = 50 * 1024 * 1024
const keys = useKeys(['a'])
const small = useKeys(['weak'], 1024)
const start = useScenarios()
let attacker: LoopbackServer

beforeAll(async () => {
  // Where redirects point: it serves a perfectly usable set, so following a redirect would "work".
  attacker = await startLoopbackServer((_req, res) => sendJson(res, jwksDocument([keys.a.jwk])))
}, 30_000)

afterAll(async () => {
  await attacker.close()
})

const json =
  (body: unknown, status = 200, headers: Record<string, string> = {}): LoopbackHandler =>
  (_req, res) =>
    sendJson(res, body, status, headers)

const raw =
  (body: string | Buffer, headers: Record<string, string>, status = 200): LoopbackHandler =>
  (_req, res) => {
    res.writeHead(status, headers)
    res.end(body)
  }

/** Streams up to 50 MB of JSON-looking bytes, respecting back-pressure, until the client hangs up. */
function huge(written: { bytes: number }, declareLength: boolean): LoopbackHandler {
  return (_req, res: ServerResponse) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      ...(declareLength ? { 'content-length': String(FIFTY_MB) } : {}),
    })
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    const pump = (): void => {
      while (!res.destroyed && written.bytes < FIFTY_MB) {
        written.bytes += chunk.length
        if (!res.write(chunk)) {
          res.once('drain', pump)
          return
        }
      }
      if (!res.destroyed) res.end()
    }
    pump()
  }
}

const ecJwk = () => ({
  ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }),
  kid: 'ec',
  alg: 'ES256',
})
const written = { bytes: 0 }

/** Each hostile answer, and the reason the fetch must fail with. */
const HOSTILE: readonly [string, () => LoopbackHandler, string][] = [
  ...[301, 302, 303, 307, 308].map((status): [string, () => LoopbackHandler, string] => [
    `a ${status} redirect to another JWKS`,
    () => json({}, status, { location: `${attacker.url}/jwks.json` }),
    'redirect',
  ]),
  ['a 404', () => json({ error: 'not_found' }, 404), 'status'],
  ['a 429', () => json({ error: 'too_many_requests' }, 429, { 'retry-after': '0' }), 'status'],
  ['a 500', () => json({ error: 'internal' }, 500), 'status'],
  ['a 502 HTML page', () => raw('<h1>Bad Gateway</h1>', { 'content-type': 'text/html' }, 502), 'status'],
  ['a 503', () => json({ error: 'unavailable' }, 503, { 'retry-after': '0' }), 'status'],
  [
    'a 200 with the keys as text/plain',
    () => raw(JSON.stringify(jwksDocument([keys.a.jwk])), { 'content-type': 'text/plain' }),
    'content-type',
  ],
  [
    'a 200 with the keys as text/html',
    () => raw(JSON.stringify(jwksDocument([keys.a.jwk])), { 'content-type': 'text/html' }),
    'content-type',
  ],
  [
    'a 200 with the keys and no content type',
    () => raw(JSON.stringify(jwksDocument([keys.a.jwk])), {}),
    'content-type',
  ],
  [
    'a 200 with the keys as application/jsonp',
    () => raw(JSON.stringify(jwksDocument([keys.a.jwk])), { 'content-type': 'application/jsonp' }),
    'content-type',
  ],
  ['invalid JSON', () => raw('{"keys":[', { 'content-type': 'application/json' }), 'invalid-json'],
  [
    'an HTML page labelled JSON',
    () => raw('<!doctype html><title>502</title>', { 'content-type': 'application/json' }),
    'invalid-json',
  ],
  [
    'invalid UTF-8',
    () => raw(Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), { 'content-type': 'application/json' }),
    'invalid-json',
  ],
  ['an empty body', () => raw('', { 'content-type': 'application/json' }), 'invalid-json'],
  ['{}', () => json({}), 'not-a-jwks'],
  ['{"keys":null}', () => json({ keys: null }), 'not-a-jwks'],
  ['{"keys":{}}', () => json({ keys: {} }), 'not-a-jwks'],
  ['null', () => json('null'), 'not-a-jwks'],
  ['a JSON array of keys', () => json([keys.a.jwk]), 'not-a-jwks'],
  ['{"keys":[]}', () => json({ keys: [] }), 'no-usable-keys'],
  ['only an EC key', () => json(jwksDocument([ecJwk()])), 'no-usable-keys'],
  [
    'only a symmetric key',
    () => json(jwksDocument([{ kty: 'oct', k: 'c2VjcmV0', kid: keys.a.kid }])),
    'no-usable-keys',
  ],
  ['only a 1024-bit RSA key', () => json(jwksDocument([small.weak.jwk])), 'no-usable-keys'],
  ['only an RSA encryption key', () => json(jwksDocument([{ ...keys.a.jwk, use: 'enc' }])), 'no-usable-keys'],
  ['only an RS512 key', () => json(jwksDocument([{ ...keys.a.jwk, alg: 'RS512' }])), 'no-usable-keys'],
  ['only a private key', () => json(jwksDocument([{ ...keys.a.jwk, d: 'AQAB' }])), 'no-usable-keys'],
  ['a 50 MB body', () => huge(written, false), 'too-large'],
  ['a 50 MB declared Content-Length', () => huge(written, true), 'too-large'],
]

const failureReason = (events: readonly JwksEvent[]): string | undefined => {
  const failure = events.findLast((event) => event.type === 'fetch-failure')
  return failure?.type === 'fetch-failure' ? (failure.error as { reason?: string }).reason : undefined
}

describe.each(HOSTILE)('a JWKS refresh answered with %s', (_name, handler, reason) => {
  it(`fails (${reason}), keeps the previous set, and backs off`, async () => {
    written.bytes = 0
    const s = await start()
    s.publish([keys.a])
    const token = s.token(keys.a)
    expect((await s.verify(token)).status).toBe(200)
    s.serve(handler())
    s.advance(MAX_AGE_S)
    expect((await s.verify(token)).status).toBe(200)
    await s.settle()
    expect(failureReason(s.events)).toBe(reason)
    expect((await s.verify(token)).status).toBe(200)
    // After a failed refresh the set may be outdated: an unknown kid is an outage (503), not the caller's fault.
    expect((await s.verify(s.token(small.weak))).code).toBe('ERR_JWKS_UNAVAILABLE')
    expect(s.server.hits).toBe(2)
    expect(attacker.hits).toBe(0)
    expect(written.bytes).toBeLessThan(FIFTY_MB / 2)
  })

  it(`as the first fetch, answers 503 with Retry-After (${reason}), and does not fetch again during the back-off`, async () => {
    written.bytes = 0
    const s = await start({ handler: handler() })
    for (const attempt of [1, 2]) {
      const outcome = await s.verify(s.token(keys.a))
      expect(outcome, `attempt ${attempt}`).toMatchObject({ status: 503, code: 'ERR_JWKS_UNAVAILABLE', wwwError: null })
      expect(outcome.error?.headers['Retry-After']).toMatch(/^[1-9]\d*$/)
    }
    expect(s.server.hits).toBe(1)
    expect(attacker.hits).toBe(0)
  })
})

describe('a JWKS that mixes a usable key with a 1024-bit one', () => {
  it('verifies tokens of the usable key and refuses those of the small key as unknown', async () => {
    const s = await start()
    s.serve(json(jwksDocument([small.weak.jwk, keys.a.jwk])))
    expect((await s.verify(s.token(keys.a))).status).toBe(200)
    expect((await s.verify(s.token(small.weak))).code).toBe('ERR_TOKEN_KEY_NOT_FOUND')
  })
})

describe.each([
  ['dripping one byte per second', true],
  ['sending headers and then nothing', false],
])('a JWKS refresh %s', (_name, drips) => {
  it('fails at the 5 s timeout, not before and not after, and keeps the previous set', async () => {
    const s = await start()
    s.publish([keys.a])
    const token = s.token(keys.a)
    await s.verify(token)
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    let dripped = 0
    s.serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.write('{')
      if (!drips) return
      // A real interval (fake timers only replace setTimeout here): one byte per real second.
      const timer = setInterval(() => {
        if (res.destroyed) clearInterval(timer)
        else {
          dripped++
          res.write(' ')
        }
      }, 1000)
      timer.unref()
    })
    s.advance(MAX_AGE_S)
    expect((await s.verify(token)).status).toBe(200)
    await ioUntil(() => s.server.hits === 2)
    const failed = (): boolean => s.events.some((event) => event.type === 'fetch-failure')
    await vi.advanceTimersByTimeAsync(4999)
    expect(failed()).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    await ioUntil(failed)
    expect(failureReason(s.events)).toBe('timeout')
    expect((await s.verify(token)).status).toBe(200)
    expect(s.server.hits).toBe(2)
    expect(dripped).toBeLessThan(5)
  })
})
