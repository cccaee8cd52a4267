import { randomUUID } from 'node:crypto'
import express4 from 'express4'
import express5 from 'express5'
import fastify4 from 'fastify4'
import type { FastifyInstance } from 'fastify5'
import fastify5 from 'fastify5'
import koa2 from 'koa2'
import koa3 from 'koa3'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, type Case, type Expected } from './cases.js'
import { TOKEN_KIND_CASES } from './cases-token-kinds.js'
import { expressHarness } from './harness/express.js'
import { fastifyHarness } from './harness/fastify.js'
import { type Harness, REQUEST_ID, type RunningServer } from './harness/harness.js'
import { koaHarness } from './harness/koa.js'
import { nestExpressHarness } from './harness/nest-express.js'
import { nestFastifyHarness } from './harness/nest-fastify.js'
import { parseChallenge, send } from './http-client.js'
import { ROUTES } from './routes.js'
import { createFixtures, type Fixtures } from './tokens.js'

const HARNESSES: readonly Harness[] = [
  expressHarness('Express 4', express4),
  expressHarness('Express 5', express5),
  koaHarness('Koa 2', koa2),
  koaHarness('Koa 3', koa3),
  // Fastify 4's instance type differs from Fastify 5's; the harness only uses what both have.
  fastifyHarness('Fastify 4', fastify4 as unknown as () => FastifyInstance),
  fastifyHarness('Fastify 5', fastify5 as unknown as () => FastifyInstance),
  nestExpressHarness('NestJS 11 (Express)'),
  nestFastifyHarness('NestJS 11 (Fastify)'),
]

/** What one framework answered to one case, in the shape the parity check compares. */
interface Outcome {
  framework: string
  status: number
  wwwAuthenticate: string | undefined
  retryAfter: string | undefined
  cacheControl: string | undefined
  contentType: string | undefined
  body: unknown
  handled: boolean
}

let fixtures: Fixtures
let servers: { name: string; server: RunningServer }[] = []

beforeAll(async () => {
  fixtures = await createFixtures()
  servers = await Promise.all(
    HARNESSES.map(async (harness) => ({ name: harness.name, server: await harness.start(ROUTES, fixtures.env) })),
  )
}, 60_000)

afterAll(async () => {
  await Promise.all(servers.map(({ server }) => server.close()))
  await fixtures?.close()
})

async function run(name: string, server: RunningServer, row: Case): Promise<Outcome> {
  const id = randomUUID()
  const headers: Record<string, string | string[]> = { [REQUEST_ID]: id }
  const authorization = row.authorization(fixtures.tokens)
  if (authorization !== undefined) headers.authorization = authorization
  const answer = await send(server.port, row.method ?? 'GET', row.path, { ...row.headers, ...headers })
  const header = (key: string): string | undefined => {
    const value = answer.headers[key]
    return Array.isArray(value) ? value.join(', ') : value
  }
  return {
    framework: name,
    status: answer.status,
    wwwAuthenticate: header('www-authenticate'),
    retryAfter: header('retry-after'),
    cacheControl: header('cache-control'),
    contentType: header('content-type'),
    body: answer.body,
    handled: server.handled.has(id),
  }
}

function check(outcome: Outcome, expected: Expected): void {
  const soft = (actual: unknown, what: string) => expect.soft(actual, `${outcome.framework}: ${what}`)
  soft(outcome.status, 'status').toBe(expected.status)
  soft(parseChallenge(outcome.wwwAuthenticate), 'WWW-Authenticate').toEqual(expected.challenge)
  soft(outcome.handled, 'handler ran').toBe(expected.handled)
  if (expected.retryAfter === true) soft(outcome.retryAfter, 'Retry-After').toMatch(/^[1-9]\d*$/)
  else soft(outcome.retryAfter, 'Retry-After').toBeUndefined()
  if ([400, 401, 403, 503].includes(expected.status)) soft(outcome.cacheControl, 'Cache-Control').toBe('no-store')
  if (expected.body === 'framework-specific') {
    // The framework rendered it, not the adapter's respond mode.
    soft(outcome.body, 'body').not.toEqual({ error: expect.any(String), error_description: expect.any(String) })
  } else {
    soft(outcome.body, 'body').toEqual(expected.body)
    soft(outcome.contentType, 'Content-Type').toBe('application/json; charset=utf-8')
  }
}

/** The outcome without what may legitimately differ: the Retry-After count and a default handler's body. */
function comparable(outcome: Outcome, expected: Expected): Omit<Outcome, 'framework'> {
  const { framework: _, ...rest } = outcome
  const own = expected.body === 'framework-specific'
  return {
    ...rest,
    retryAfter: rest.retryAfter === undefined ? undefined : 'set',
    body: own ? 'framework-specific' : rest.body,
    contentType: own ? 'framework-specific' : rest.contentType,
  }
}

describe('Express 4/5, Koa 2/3, Fastify 4/5 and NestJS 11 (Express, Fastify) adapters', () => {
  it('run on eight real servers', () => {
    expect(servers.map(({ name }) => name)).toEqual(HARNESSES.map(({ name }) => name))
  })

  it.each([...CASES, ...TOKEN_KIND_CASES])('answer $name on $path identically', async (row) => {
    const outcomes = await Promise.all(servers.map(({ name, server }) => run(name, server, row)))
    for (const outcome of outcomes) check(outcome, row.expected)
    const [first, ...others] = outcomes as [Outcome, ...Outcome[]]
    for (const other of others) {
      expect
        .soft(comparable(other, row.expected), `${other.framework} answers like ${first.framework}`)
        .toEqual(comparable(first, row.expected))
    }
  })
})
