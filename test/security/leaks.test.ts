import type { JwksEvent, Verifier } from '@m2m-guard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { get } from '../adapters/http-client.js'
import { CORPUS } from './corpus/all-cases.js'
import { HARNESSES, startFramework } from './support/adapter-servers.js'
import { forbidConsoleOutput } from './support/console-guard.js'
import { PROJECT_ID } from './support/constants.js'
import { authenticateCase, useCorpus } from './support/corpus-runner.js'
import { leaksIn, SAFE_CHALLENGE, secretsIn, secretsOf } from './support/leak-check.js'
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer } from './support/loopback-server.js'
import { outcomeOf } from './support/outcome.js'

const corpus = useCorpus(CORPUS)

forbidConsoleOutput()

/** Everything of an event, its error's message and cause chain included, as a log line would show it. */
function logLine(event: JwksEvent): string {
  const causes: string[] = []
  let error: unknown = 'error' in event ? event.error : undefined
  while (error instanceof Error) {
    causes.push(`${error.name}: ${error.message}`)
    error = error.cause
  }
  return `${JSON.stringify(event)} ${causes.join(' <- ')}`
}

describe('nothing leaks from core', () => {
  it('no error message, response or header carries the token, the JWKS URL or internals, for any corpus case', async () => {
    for (const row of CORPUS) {
      const token = corpus.token(row)
      const verifier = corpus.env.createVerifier(row.variant ?? 'default', { fetch: corpus.env.localFetch })
      const { error } = await authenticateCase(verifier, row, token)
      if (error === undefined) continue
      const rendered = [error.message, String(error), JSON.stringify(error.toResponse()), JSON.stringify(error.headers)]
      expect.soft(leaksIn(rendered.join('\n'), [...secretsOf(token), corpus.env.jwks.url]), row.name).toEqual([])
      const challenge = error.headers['WWW-Authenticate']
      if (challenge !== undefined) expect.soft(challenge, row.name).toMatch(SAFE_CHALLENGE)
    }
  })

  it('JWKS events never carry a token or an Authorization value', async () => {
    const events: JwksEvent[] = []
    // A tiny cooldown and a clock that moves, so that the corpus also causes refetches and cooldown hits.
    let now = corpus.env.ctx.now * 1000
    const verifier = corpus.env.createVerifier('default', {
      fetch: corpus.env.localFetch,
      clock: () => (now += 10),
      jwks: { cooldown: 1, onEvent: (event) => events.push(event) },
    })
    const secrets: string[] = []
    for (const row of CORPUS) {
      const token = corpus.token(row)
      secrets.push(...secretsOf(token))
      await outcomeOf(verifier.authenticate(`Bearer ${token}`))
    }
    expect(new Set(events.map((event) => event.type))).toEqual(new Set(['fetch', 'fetch-success', 'cooldown-hit']))
    for (const event of events) {
      const line = logLine(event)
      expect.soft(secretsIn(line, secrets), event.type).toEqual([])
    }
  })
})

describe.each<[string, LoopbackHandler | 'refused']>([
  ['refuses connections', 'refused'],
  [
    'answers 500 with a stack trace in its body',
    (_req, res) => sendJson(res, { error: 'Error: boom\n    at x (/srv/app.js:1:1)' }, 500),
  ],
  ['answers invalid JSON', (_req, res) => sendJson(res, '{"keys":', 200)],
  ['drops the connection', (req) => req.socket.destroy()],
])('when the JWKS endpoint %s', (_name, behaviour) => {
  let server: LoopbackServer
  let jwksBase: string

  beforeAll(async () => {
    server = await startLoopbackServer(behaviour === 'refused' ? undefined : behaviour)
    jwksBase = server.url
    if (behaviour === 'refused') await server.close()
  })

  afterAll(async () => {
    if (behaviour !== 'refused') await server.close()
  })

  const deadVerifier = (onEvent?: (event: JwksEvent) => void): Verifier =>
    corpus.env.createVerifier('default', {
      baseUrl: jwksBase,
      fetch: undefined,
      ...(onEvent ? { jwks: { onEvent } } : {}),
    })

  it('core answers 503 whose message, response and headers hold no URL, no network error text and no stack', async () => {
    const events: JwksEvent[] = []
    const token = corpus.env.ctx.valid()
    const { error } = await outcomeOf(deadVerifier((event) => events.push(event)).authenticate(`Bearer ${token}`))
    expect(error).toMatchObject({ status: 503, code: 'ERR_JWKS_UNAVAILABLE' })
    const rendered = [
      error?.message,
      String(error),
      JSON.stringify(error?.toResponse()),
      JSON.stringify(error?.headers),
    ]
    expect(leaksIn(rendered.join('\n'), [...secretsOf(token), jwksBase])).toEqual([])
    // The details are kept for the operator, in the cause and in the failure event (with the URL, which is no
    // secret in a log), never in the answer; and even there, no token.
    expect(error?.cause).toBeDefined()
    expect(events.some((event) => event.type === 'fetch-failure')).toBe(true)
    for (const event of events) expect(secretsIn(logLine(event), secretsOf(token))).toEqual([])
  })

  it.each(HARNESSES.map((harness) => [harness.name, harness] as const))(
    '%s answers 503 holding no URL, no network error text and no stack',
    async (_framework, harness) => {
      const running = await startFramework(harness, [{ path: '/down', verifier: deadVerifier() }], jwksBase)
      try {
        const token = corpus.env.ctx.valid()
        const answer = await get(running.port, '/down', { authorization: `Bearer ${token}` })
        expect(answer.status).toBe(503)
        const rendered = `${JSON.stringify(answer.headers)}\n${JSON.stringify(answer.body)}`
        expect(leaksIn(rendered, [...secretsOf(token), jwksBase, PROJECT_ID])).toEqual([])
      } finally {
        await running.close()
      }
    },
  )
})

describe('the leak check itself', () => {
  it('finds a token segment, a URL, a stack frame and network error text', () => {
    const token = corpus.env.ctx.valid()
    const [, payload] = token.split('.') as [string, string]
    expect(leaksIn(`{"error":"${payload}"}`, secretsOf(token))).not.toEqual([])
    expect(leaksIn(`see ${corpus.env.jwks.url}/x`, [corpus.env.jwks.url])).not.toEqual([])
    expect(leaksIn('Error: x\n    at f (file.js:1:1)', [])).not.toEqual([])
    expect(leaksIn('connect ECONNREFUSED', [])).not.toEqual([])
    expect(
      leaksIn('{"error":"invalid_token","error_description":"The access token expired"}', secretsOf(token)),
    ).toEqual([])
  })
})
