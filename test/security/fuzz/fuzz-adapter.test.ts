import { randomUUID } from 'node:crypto'
import express5 from 'express5'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { expressHarness } from '../../adapters/harness/express.js'
import { REQUEST_ID, type RunningServer } from '../../adapters/harness/harness.js'
import { get } from '../../adapters/http-client.js'
import { startFramework } from '../support/adapter-servers.js'
import { authorizationValue, FUZZ_RUNS, FUZZ_TIMEOUT_MS } from './arbitraries.js'
import { useFuzzTarget } from './fuzz-target.js'

const { target, crashes } = useFuzzTarget()
let server: RunningServer

beforeAll(async () => {
  const { env } = target()
  const verifier = env.createVerifier('default', { fetch: env.localFetch })
  server = await startFramework(expressHarness('Express 5', express5), [{ path: '/fuzz', verifier }], env.jwks.url)
})

afterAll(async () => {
  await server?.close()
})

/** The token an accepted single header value carried. */
const tokenOf = (value: string): string => value.trim().replace(/^bearer +/i, '')

describe('fuzzing the Express 5 adapter over HTTP', () => {
  it(
    'the Authorization header: only 200 (validly signed), 400 or 401; never a 5xx',
    async () => {
      const { donors, signedByConfiguredKey } = target()
      const value = authorizationValue(donors, true)
      await fc.assert(
        fc.asyncProperty(fc.oneof(value, fc.array(value, { minLength: 2, maxLength: 3 })), async (authorization) => {
          const id = randomUUID()
          const answer = await get(server.port, '/fuzz', { authorization, [REQUEST_ID]: id })
          const input = JSON.stringify(authorization)
          expect([200, 400, 401], `status for ${input}`).toContain(answer.status)
          expect(server.handled.has(id), `handler ran for ${input}`).toBe(answer.status === 200)
          if (answer.status === 200) {
            expect(typeof authorization, `accepted several headers: ${input}`).toBe('string')
            expect(signedByConfiguredKey(tokenOf(authorization as string)), `accepted ${input}`).toBe(true)
          } else {
            expect(answer.headers['cache-control']).toBe('no-store')
          }
        }),
        { numRuns: FUZZ_RUNS },
      )
    },
    FUZZ_TIMEOUT_MS,
  )

  it('raised no unhandled rejection and no uncaught exception', () => {
    expect(crashes).toEqual([])
  })
})
