import { HttpResponse, http } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect, vi } from 'vitest'
import { createJwksCache, type JwksCacheOptions } from '../../src/jwks/jwks-cache.js'
import type { JwksEvent, JwksSource } from '../../src/jwks/jwks-source.js'
import { UNHANDLED_IS_ERROR } from '../helpers/msw-strict.js'

export const JWKS_URL = 'https://keys.example.test/v1/sessions/jwks/project-test-1'
/** Start of the injected clock, in milliseconds. */
export const T0 = 1_700_000_000_000

/** The mocked JWKS endpoint: counts requests, answers with `reply`, optionally held back until released. */
export interface JwksEndpoint {
  hits: number
  reply: () => Response
  /** Serves this document as `application/json` from now on. */
  serve(document: unknown): void
  /** Holds every response until the returned function is called. */
  hold(): () => void
}

/** Sets up msw (unhandled requests are errors) around the calling test file and returns the endpoint. */
export function mockJwksEndpoint(): JwksEndpoint {
  let gate: Promise<void> = Promise.resolve()
  const endpoint: JwksEndpoint = {
    hits: 0,
    reply: () => HttpResponse.json({ error: 'not configured' }, { status: 500 }),
    serve(document) {
      endpoint.reply = () => HttpResponse.json(document as Record<string, unknown>)
    },
    hold() {
      let release = (): void => {}
      gate = new Promise((resolve) => {
        release = resolve
      })
      return () => {
        gate = Promise.resolve()
        release()
      }
    },
  }
  const server = setupServer(
    http.get(JWKS_URL, async () => {
      endpoint.hits++
      await gate
      return endpoint.reply()
    }),
  )
  beforeAll(() => server.listen(UNHANDLED_IS_ERROR))
  afterEach(() => {
    endpoint.hits = 0
    gate = Promise.resolve()
  })
  afterAll(() => server.close())
  return endpoint
}

/** A cache under test with its injected clock and the events it reported. */
export interface CacheUnderTest {
  cache: JwksSource
  events: JwksEvent[]
  /** Current injected time in milliseconds. */
  now(): number
  /** Moves the injected clock forward. */
  advance(seconds: number): void
  /** Resolves once every started fetch has finished (success or failure). */
  settled(): Promise<void>
  /** Events of one type. */
  eventsOf<T extends JwksEvent['type']>(type: T): Extract<JwksEvent, { type: T }>[]
}

/** Creates a cache on {@link JWKS_URL} with an injected clock starting at {@link T0}. */
export function cacheUnderTest(options: Partial<JwksCacheOptions> = {}): CacheUnderTest {
  let now = T0
  const events: JwksEvent[] = []
  const cache = createJwksCache({
    url: JWKS_URL,
    clock: () => now,
    onEvent: (event) => {
      events.push(event)
    },
    ...options,
  })
  const eventsOf = <T extends JwksEvent['type']>(type: T) =>
    events.filter((event): event is Extract<JwksEvent, { type: T }> => event.type === type)
  return {
    cache,
    events,
    now: () => now,
    advance(seconds) {
      now += seconds * 1000
    },
    settled: () =>
      vi.waitFor(
        () => {
          expect(eventsOf('fetch-success').length + eventsOf('fetch-failure').length).toBe(eventsOf('fetch').length)
        },
        { interval: 1, timeout: 10_000 },
      ),
    eventsOf,
  }
}

/** The promise's rejection, failing the test when it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  const outcome = await promise.then(
    (value) => ({ resolved: value }),
    (error: unknown) => ({ error }),
  )
  if (!('error' in outcome)) throw new Error('expected a rejection')
  return outcome.error as Record<string, unknown>
}
