import type { Verifier } from '@m2m-guard/core'
import { afterAll, beforeAll } from 'vitest'
import type { CorpusCase } from '../corpus/corpus-case.js'
import { type CorpusEnvironment, createCorpusEnvironment } from './corpus-environment.js'
import { type Outcome, outcomeOf, recordingFetch } from './outcome.js'

/** Builds every case's token once. */
export async function buildTokens(env: CorpusEnvironment, cases: readonly CorpusCase[]): Promise<Map<string, string>> {
  const tokens = new Map<string, string>()
  for (const row of cases) tokens.set(row.name, await row.token(env.ctx))
  return tokens
}

/** Sends a case's token the way an adapter does: `authenticate('Bearer <token>', <route options>)`. */
export function authenticateCase(verifier: Verifier, row: CorpusCase, token: string): Promise<Outcome> {
  return outcomeOf(verifier.authenticate(`Bearer ${token}`, row.call ?? {}))
}

/** A case's outcome on a fresh (cold) verifier, with the URL of every fetch it caused. */
export async function runOnColdVerifier(
  env: CorpusEnvironment,
  row: CorpusCase,
  token: string,
  crypto: 'node' | 'webcrypto',
): Promise<Outcome & { fetched: string[] }> {
  const fetched: string[] = []
  const verifier = env.createVerifier(row.variant ?? 'default', {
    crypto,
    fetch: recordingFetch(fetched, env.localFetch),
  })
  return { ...(await authenticateCase(verifier, row, token)), fetched }
}

/** The corpus environment and every case's token, available once the file's `beforeAll` has run. */
export interface CorpusHandle {
  readonly env: CorpusEnvironment
  /** The token of a case. */
  token(row: CorpusCase): string
}

/** Creates the environment and the tokens of `cases` before the calling file's tests, and closes it after. */
export function useCorpus(cases: readonly CorpusCase[]): CorpusHandle {
  let env: CorpusEnvironment | undefined
  let tokens = new Map<string, string>()
  beforeAll(async () => {
    env = await createCorpusEnvironment()
    tokens = await buildTokens(env, cases)
  }, 60_000)
  afterAll(async () => {
    await env?.close()
  })
  return {
    get env() {
      if (env === undefined) throw new Error('the corpus environment is not ready (used outside a test?)')
      return env
    },
    token: (row) => tokens.get(row.name) as string,
  }
}
