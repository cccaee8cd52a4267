import { createPublicKey, type JsonWebKey, type KeyObject, verify } from 'node:crypto'
import { M2MAuthError } from '@m2m-guard/core'
import { afterAll, beforeAll, expect } from 'vitest'
import { type CorpusEnvironment, createCorpusEnvironment } from '../support/corpus-environment.js'

/** What the fuzz properties run against. */
export interface FuzzTarget {
  env: CorpusEnvironment
  /** Valid tokens the mutations start from. */
  donors: string[]
  /**
   * The oracle: whether `token` is a compact JWS whose RS256 signature verifies with a key the verifier trusts,
   * checked independently of core with node:crypto.
   */
  signedByConfiguredKey(token: string): boolean
}

/** Registers the environment and the crash watch for the calling test file. */
export function useFuzzTarget(): { target: () => FuzzTarget; crashes: unknown[] } {
  let target: FuzzTarget | undefined
  const crashes: unknown[] = []
  const record = (reason: unknown): void => {
    crashes.push(reason)
  }
  beforeAll(async () => {
    process.on('unhandledRejection', record)
    process.on('uncaughtException', record)
    const env = await createCorpusEnvironment()
    const keys: KeyObject[] = env
      .jwkSet('default')
      .keys.map((jwk: JsonWebKey) => createPublicKey({ key: jwk, format: 'jwk' }))
    target = {
      env,
      donors: [env.ctx.valid(), await env.ctx.issuer.mint({ scopes: ['read:users'] })],
      signedByConfiguredKey: (token) => {
        const parts = token.split('.')
        if (parts.length !== 3) return false
        const [header, payload, signature] = parts as [string, string, string]
        const input = Buffer.from(`${header}.${payload}`, 'latin1')
        return keys.some((key) => verify('sha256', input, key, Buffer.from(signature, 'base64url')))
      },
    }
  }, 60_000)
  afterAll(async () => {
    process.off('unhandledRejection', record)
    process.off('uncaughtException', record)
    await target?.env.close()
  })
  return { target: () => target as FuzzTarget, crashes }
}

/** Asserts that a failure is a client error (400 or 401) of core, never a 5xx or a foreign error. */
export function expectClientError(error: unknown, input: unknown): void {
  expect(error, `thrown for ${JSON.stringify(input)}`).toBeInstanceOf(M2MAuthError)
  expect([400, 401], `status for ${JSON.stringify(input)}`).toContain((error as M2MAuthError).status)
}
