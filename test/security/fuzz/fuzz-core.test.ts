import type { M2MAuth, Verifier } from '@m2m-guard/core'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { authorizationValue, FUZZ_RUNS, FUZZ_TIMEOUT_MS, mutatedToken } from './arbitraries.js'
import { expectClientError, useFuzzTarget } from './fuzz-target.js'

const { target, crashes } = useFuzzTarget()

type Settled = { auth: M2MAuth; error?: undefined } | { auth?: undefined; error: unknown }

async function settle(pending: Promise<M2MAuth>): Promise<Settled> {
  try {
    return { auth: await pending }
  } catch (error) {
    return { error }
  }
}

/** The property every input must satisfy: a success carries a validly signed token, a failure is a 400 or 401. */
function expectSafe(result: Settled, input: unknown): void {
  if (result.auth !== undefined) {
    expect(target().signedByConfiguredKey(result.auth.token), `accepted ${JSON.stringify(input)}`).toBe(true)
  } else {
    expectClientError(result.error, input)
  }
}

describe('fuzzing core', () => {
  it('has an oracle that tells signed tokens from altered ones', () => {
    const { donors, signedByConfiguredKey } = target()
    for (const token of donors) {
      expect(signedByConfiguredKey(token)).toBe(true)
      const [header, payload, signature] = token.split('.') as [string, string, string]
      expect(signedByConfiguredKey(`${header}.${payload.slice(0, -2)}AA.${signature}`)).toBe(false)
    }
  })

  it(
    'the Authorization header (one value or several): never a 5xx, a crash or an unsigned success',
    async () => {
      const { env, donors } = target()
      const verifier = env.createVerifier('default', { fetch: env.localFetch })
      const value = authorizationValue(donors, false)
      await fc.assert(
        fc.asyncProperty(fc.oneof(value, fc.array(value, { maxLength: 3 })), async (header) => {
          expectSafe(await settle(verifier.authenticate(header)), header)
        }),
        { numRuns: FUZZ_RUNS },
      )
    },
    FUZZ_TIMEOUT_MS,
  )

  it(
    'mutated tokens: node:crypto and WebCrypto give the same safe verdict',
    async () => {
      const { env, donors } = target()
      const verifiers: Record<'node' | 'webcrypto', Verifier> = {
        node: env.createVerifier('default', { fetch: env.localFetch, crypto: 'node' }),
        webcrypto: env.createVerifier('default', { fetch: env.localFetch, crypto: 'webcrypto' }),
      }
      await fc.assert(
        fc.asyncProperty(mutatedToken(donors, false), async (token) => {
          const [node, webcrypto] = await Promise.all([
            settle(verifiers.node.verify(token)),
            settle(verifiers.webcrypto.verify(token)),
          ])
          expectSafe(node, token)
          expectSafe(webcrypto, token)
          const status = (result: Settled) => (result.auth ? 200 : (result.error as { status?: number }).status)
          expect(status(webcrypto), `WebCrypto agrees with node:crypto on ${JSON.stringify(token)}`).toBe(status(node))
        }),
        { numRuns: FUZZ_RUNS },
      )
      // Nothing the fuzzer sent broke the shared verifiers' caches.
      for (const verifier of Object.values(verifiers)) {
        for (const token of donors) expect((await settle(verifier.verify(token))).auth).toBeDefined()
      }
    },
    FUZZ_TIMEOUT_MS,
  )

  it('raised no unhandled rejection and no uncaught exception', () => {
    expect(crashes).toEqual([])
  })
})
