import { randomUUID } from 'node:crypto'
import type { Verifier } from '@m2m-guard/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../adapters/harness/harness.js'
import { REQUEST_ID } from '../adapters/harness/harness.js'
import { get, parseChallenge } from '../adapters/http-client.js'
import { CORPUS } from './corpus/all-cases.js'
import { type CorpusCase, titled } from './corpus/corpus-case.js'
import { VARIANTS, type VariantName } from './corpus/variants.js'
import { type GuardedRoute, HARNESSES, startFramework } from './support/adapter-servers.js'
import { forbidConsoleOutput } from './support/console-guard.js'
import { authenticateCase, useCorpus } from './support/corpus-runner.js'
import { leaksIn, SAFE_CHALLENGE, secretsOf } from './support/leak-check.js'
import { recordingFetch } from './support/outcome.js'

/** Cases that can travel in an HTTP header. */
const HTTP_CASES = CORPUS.filter((row) => row.coreOnly === undefined)
/** One route per distinct (variant, requirements) pair. */
const routeKey = (row: CorpusCase): string => JSON.stringify([row.variant ?? 'default', row.call ?? {}])
const ROUTE_KEYS = [...new Set(HTTP_CASES.map(routeKey))]
const pathOf = (row: CorpusCase): string => `/corpus/${ROUTE_KEYS.indexOf(routeKey(row))}`
const VARIANT_NAMES = Object.keys(VARIANTS) as VariantName[]

interface Framework {
  name: string
  server: RunningServer
  /** Every URL its verifiers fetched. */
  fetched: string[]
}

const corpus = useCorpus(HTTP_CASES)
let frameworks: Framework[] = []
let reference: Map<VariantName, Verifier>
// No adapter and no part of core may log.
forbidConsoleOutput()

beforeAll(async () => {
  const { env } = corpus
  // What core itself answers, to compare every framework's answer with.
  reference = new Map(VARIANT_NAMES.map((name) => [name, env.createVerifier(name, { fetch: env.localFetch })]))
  frameworks = await Promise.all(
    HARNESSES.map(async (harness) => {
      const fetched: string[] = []
      // Each framework gets its own verifiers, over real HTTP to the loopback JWKS server.
      const verifiers = new Map(
        VARIANT_NAMES.map((name) => [name, env.createVerifier(name, { fetch: recordingFetch(fetched) })]),
      )
      const routes: GuardedRoute[] = ROUTE_KEYS.map((key, index) => {
        const [variant, call] = JSON.parse(key) as [VariantName, GuardedRoute['call']]
        return { path: `/corpus/${index}`, verifier: verifiers.get(variant)!, call }
      })
      return { name: harness.name, server: await startFramework(harness, routes, env.jwks.url), fetched }
    }),
  )
}, 60_000)

afterAll(async () => {
  await Promise.all(frameworks.map(({ server }) => server.close()))
})

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(', ') : value

describe('the hostile-token corpus through Express 4/5, Koa 2/3 and Fastify 4/5', () => {
  it.each(titled(HTTP_CASES))('[$group] $title: every framework answers what core answers', async (row) => {
    const token = corpus.token(row)
    const core = await authenticateCase(reference.get(row.variant ?? 'default')!, row, token)
    const answers = await Promise.all(
      frameworks.map(async ({ name, server }) => {
        const id = randomUUID()
        const answer = await get(server.port, pathOf(row), { authorization: `Bearer ${token}`, [REQUEST_ID]: id })
        return { name, answer, handled: server.handled.has(id) }
      }),
    )
    const secrets = [...secretsOf(token), corpus.env.jwks.url]
    for (const { name, answer, handled } of answers) {
      const soft = (what: string) => `${name}: ${what}`
      const challenge = parseChallenge(answer.headers['www-authenticate'])
      // Nothing of the token, the JWKS URL or the internals in the answer; the challenge stays well-formed.
      const rendered = `${JSON.stringify(answer.headers)}\n${JSON.stringify(answer.body)}`
      expect.soft(leaksIn(rendered, answer.status === 200 ? [corpus.env.jwks.url] : secrets), soft('leaks')).toEqual([])
      if (answer.headers['www-authenticate'] !== undefined) {
        expect.soft(header(answer.headers['www-authenticate']), soft('challenge syntax')).toMatch(SAFE_CHALLENGE)
      }
      expect
        .soft(
          Object.keys(answer.headers).filter((h) => /inject|cookie/i.test(h)),
          soft('headers'),
        )
        .toEqual([])
      expect.soft(answer.status, soft('status')).toBe(row.expected.status)
      expect.soft(challenge?.error ?? null, soft('WWW-Authenticate error')).toBe(row.expected.wwwError)
      expect.soft(handled, soft('handler ran')).toBe(row.expected.status === 200)
      if (core.error !== undefined) {
        // The adapter renders exactly core's answer: same body, same challenge.
        const response = core.error.toResponse()
        expect.soft(answer.body, soft('body')).toEqual(response.body)
        expect
          .soft(header(answer.headers['www-authenticate']), soft('WWW-Authenticate'))
          .toBe(response.headers['WWW-Authenticate'])
        expect.soft(header(answer.headers['cache-control']), soft('Cache-Control')).toBe('no-store')
      } else {
        expect
          .soft(answer.body, soft('body'))
          .toMatchObject({ clientId: core.auth?.clientId, scopes: core.auth?.scopes })
      }
    }
  })

  it('fetched each JWKS at most once per verifier, and never anything else', () => {
    for (const { name, fetched } of frameworks) {
      expect.soft(fetched.length, name).toBeLessThanOrEqual(VARIANT_NAMES.length)
      for (const url of fetched) expect.soft(VARIANT_NAMES.map(corpus.env.jwksUrl), name).toContain(url)
    }
  })

  it('never contacted the URLs that tokens named (jku, x5u)', () => {
    expect(corpus.env.attacker.hits).toBe(0)
  })
})
