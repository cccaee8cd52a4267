import type { ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { sendJson } from '../support/loopback-server.js'
import { jwksDocument, useKeys, useScenarios } from './jwks-scenario.js'

const N = 200

const keys = useKeys(['a', 'b'])
const start = useScenarios()

/** Holds every response until released, so that all requests are surely waiting on the first fetch. */
function held(): {
  handler: (req: unknown, res: ServerResponse) => void
  release: (answer: (res: ServerResponse) => void) => void
} {
  const waiting: ServerResponse[] = []
  let answer: ((res: ServerResponse) => void) | undefined
  return {
    handler: (_req, res) => (answer ? answer(res) : waiting.push(res)),
    release: (reply) => {
      answer = reply
      for (const res of waiting.splice(0)) reply(res)
    },
  }
}

describe('N concurrent requests on a cold verifier', () => {
  it(`share one JWKS fetch: ${N} valid tokens all verify`, async () => {
    const gate = held()
    const s = await start({ handler: gate.handler })
    const pending = Array.from({ length: N }, () => s.verify(s.token(keys.a)))
    await s.server.waitForHits(1)
    gate.release((res) => sendJson(res, jwksDocument([keys.a.jwk])))
    const outcomes = await Promise.all(pending)
    expect(outcomes.map((o) => o.status)).toEqual(Array(N).fill(200))
    expect(s.server.hits).toBe(1)
    expect(s.verifier.jwks.stats().fetches).toBe(1)
  })

  it(`share one JWKS fetch: ${N} tokens with distinct unknown kids are refused as unknown, with one fetch`, async () => {
    const gate = held()
    const s = await start({ handler: gate.handler })
    const pending = Array.from({ length: N }, (_, i) => s.verify(s.tokenForKid(`unknown-${i}`)))
    await s.server.waitForHits(1)
    gate.release((res) => sendJson(res, jwksDocument([keys.a.jwk])))
    const outcomes = await Promise.all(pending)
    expect(new Set(outcomes.map((o) => `${o.status} ${o.code}`))).toEqual(new Set(['401 ERR_TOKEN_KEY_NOT_FOUND']))
    expect(s.server.hits).toBe(1)
  })

  it('share one JWKS fetch across a mix of valid, unknown-kid and forged tokens', async () => {
    const gate = held()
    const s = await start({ handler: gate.handler })
    const tokens = [s.token(keys.a), s.tokenForKid('unknown'), s.token({ ...keys.a, privateKey: keys.b.privateKey })]
    const pending = Array.from({ length: N }, (_, i) => s.verify(tokens[i % 3] as string))
    await s.server.waitForHits(1)
    gate.release((res) => sendJson(res, jwksDocument([keys.a.jwk])))
    const codes = (await Promise.all(pending)).map((o) => o.code)
    expect(new Set(codes)).toEqual(new Set([null, 'ERR_TOKEN_KEY_NOT_FOUND', 'ERR_TOKEN_SIGNATURE']))
    expect(s.server.hits).toBe(1)
  })

  it(`share one failed fetch: all ${N} get 503 with Retry-After, and the next request does not fetch again`, async () => {
    const gate = held()
    const s = await start({ handler: gate.handler })
    const pending = Array.from({ length: N }, () => s.verify(s.token(keys.a)))
    await s.server.waitForHits(1)
    gate.release((res) => sendJson(res, { error: 'internal' }, 500))
    const outcomes = await Promise.all(pending)
    expect(new Set(outcomes.map((o) => `${o.status} ${o.code}`))).toEqual(new Set(['503 ERR_JWKS_UNAVAILABLE']))
    for (const { error } of outcomes) {
      expect(error?.headers['Retry-After']).toMatch(/^[1-9]\d*$/)
      expect(error?.headers['WWW-Authenticate']).toBeUndefined()
    }
    const again = await s.verify(s.token(keys.a))
    expect(again.code).toBe('ERR_JWKS_UNAVAILABLE')
    expect(s.server.hits).toBe(1)
  })
})
