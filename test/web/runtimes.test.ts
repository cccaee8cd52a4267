import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CASES, type Case, type Expected } from '../adapters/cases.js'
import { TOKEN_KIND_CASES } from '../adapters/cases-token-kinds.js'
import { parseChallenge } from '../adapters/http-client.js'
import { CLIENT_ID, createFixtures, type Fixtures } from '../adapters/tokens.js'
import { MISSPELLINGS } from '../support/base64url-misspellings.js'
import { HANDLED } from './app/create-app.js'
import { RUNTIMES, type RunningRuntime, type RuntimeName, startRuntime } from './runtimes.js'

// One behaviour table (the Node adapters' cases), answered by @m2m-guard/hono and @m2m-guard/web on every runtime
// named in M2M_RUNTIMES (default: node, in process; `pnpm test:runtimes` runs all four). A runtime asked for but
// not installed fails the suite.
const requested = (process.env.M2M_RUNTIMES ?? 'node').split(',').map((name) => name.trim())
const unknown = requested.filter((name) => !(RUNTIMES as readonly string[]).includes(name))
if (unknown.length > 0) throw new Error(`M2M_RUNTIMES: unknown runtime ${unknown.join(', ')}; known: ${RUNTIMES}`)
const names = requested as RuntimeName[]
const ADAPTERS = ['hono', 'web'] as const

/**
 * What differs from the Node adapters: a delegated error that reaches the default handling is still the full
 * RFC 6750 answer (Hono's default `onError` answers an `HTTPException` with its response; a Fetch handler renders
 * the error with `errorResponse`), where Express, Koa and Fastify render their own bodies.
 */
function expectedOf(row: Case): Expected {
  if (row.path !== '/delegate-default') return row.expected
  return { ...row.expected, body: { error: 'invalid_token', error_description: expect.any(String) } }
}

interface Outcome {
  where: string
  status: number
  wwwAuthenticate: string | undefined
  retryAfter: string | undefined
  cacheControl: string | undefined
  contentType: string | undefined
  body: unknown
  handled: boolean
}

let fixtures: Fixtures
let runtimes: RunningRuntime[] = []

beforeAll(async () => {
  fixtures = await createFixtures()
  runtimes = await Promise.all(names.map((name) => startRuntime(name, fixtures.env)))
}, 90_000)

afterAll(async () => {
  await Promise.all(runtimes.map((runtime) => runtime.close()))
  await fixtures?.close()
})

async function run(runtime: RunningRuntime, adapter: string, row: Case): Promise<Outcome> {
  const headers: Record<string, string | string[]> = { 'x-request-id': randomUUID() }
  const authorization = row.authorization(fixtures.tokens)
  if (authorization !== undefined) headers.authorization = authorization
  const answer = await runtime.send(row.method ?? 'GET', `/${adapter}${row.path}`, { ...row.headers, ...headers })
  const header = (key: string): string | undefined => {
    const value = answer.headers[key]
    return Array.isArray(value) ? value.join(', ') : value
  }
  return {
    where: `${runtime.name}/${adapter}`,
    status: answer.status,
    wwwAuthenticate: header('www-authenticate'),
    retryAfter: header('retry-after'),
    cacheControl: header('cache-control'),
    contentType: header('content-type'),
    body: answer.body,
    handled: header(HANDLED) === '1',
  }
}

function check(outcome: Outcome, expected: Expected): void {
  const soft = (actual: unknown, what: string) => expect.soft(actual, `${outcome.where}: ${what}`)
  soft(outcome.status, 'status').toBe(expected.status)
  soft(parseChallenge(outcome.wwwAuthenticate), 'WWW-Authenticate').toEqual(expected.challenge)
  soft(outcome.handled, 'handler ran').toBe(expected.handled)
  if (expected.retryAfter === true) soft(outcome.retryAfter, 'Retry-After').toMatch(/^[1-9]\d*$/)
  else soft(outcome.retryAfter, 'Retry-After').toBeUndefined()
  if ([400, 401, 403, 503].includes(expected.status)) soft(outcome.cacheControl, 'Cache-Control').toBe('no-store')
  soft(outcome.body, 'body').toEqual(expected.body)
  soft(outcome.contentType, 'Content-Type').toBe('application/json; charset=utf-8')
}

/** The outcome without the Retry-After count, which depends on when the JWKS fetch failed. */
function comparable(outcome: Outcome): Omit<Outcome, 'where'> {
  const { where: _, ...rest } = outcome
  return { ...rest, retryAfter: rest.retryAfter === undefined ? undefined : 'set' }
}

describe(`@m2m-guard/hono and @m2m-guard/web on ${names.join(', ')}`, () => {
  it('run on every requested runtime', () => {
    expect(runtimes.map(({ name }) => name)).toEqual(names)
  })

  it.each([...CASES, ...TOKEN_KIND_CASES])('answer $name on $path identically', async (row) => {
    const expected = expectedOf(row)
    const outcomes = await Promise.all(
      runtimes.flatMap((runtime) => ADAPTERS.map((adapter) => run(runtime, adapter, row))),
    )
    for (const outcome of outcomes) check(outcome, expected)
    const [first, ...others] = outcomes as [Outcome, ...Outcome[]]
    for (const other of others) {
      // WWW-Authenticate compared exactly, error_description included: the same text on every runtime.
      expect.soft(comparable(other), `${other.where} answers like ${first.where}`).toEqual(comparable(first))
    }
  })

  it("refuse every misspelling of every segment as malformed, with the runtime's own base64url decoder", async () => {
    // workerd decodes with setFromBase64, Node, Bun and Deno with Buffer: the same answers on each.
    const token = fixtures.tokens.readOnly
    const segments = token.split('.')
    const cases = [{ name: 'the token as issued', token, expected: { clientId: CLIENT_ID } as object }]
    for (const [index, part] of ['header', 'payload', 'signature'].entries()) {
      for (const misspelling of MISSPELLINGS) {
        const misspelt = misspelling.apply(segments[index] as string)
        if (misspelt === undefined) continue
        const changed = segments.with(index, misspelt).join('.')
        cases.push({
          name: `${misspelling.name} in the ${part}`,
          token: changed,
          expected: { code: 'ERR_TOKEN_MALFORMED' },
        })
      }
    }
    expect(cases.length).toBeGreaterThan(3 * 25)
    for (const runtime of runtimes) {
      const answers = await Promise.all(
        cases.map(({ token: sent }) =>
          runtime.send('GET', '/core/verify', { 'x-token': Buffer.from(sent).toString('base64') }),
        ),
      )
      expect(
        answers.map(({ body }, index) => [cases[index]?.name, body]),
        runtime.name,
      ).toEqual(cases.map(({ name, expected }) => [name, expected]))
    }
  })

  it('the standalone withM2M answers a valid token and a missing one', async () => {
    for (const runtime of runtimes) {
      const ok = await runtime.send('GET', '/web-standalone/protected', {
        authorization: `Bearer ${fixtures.tokens.readOnly}`,
      })
      expect(ok.status, runtime.name).toBe(200)
      expect(ok.body, runtime.name).toMatchObject({ route: '/protected', kind: 'm2m', scopes: ['read:users'] })
      const missing = await runtime.send('GET', '/web-standalone/protected', {})
      expect(missing.status, runtime.name).toBe(401)
      expect(missing.headers['www-authenticate'], runtime.name).toBe('Bearer realm="api"')
    }
  })
})
