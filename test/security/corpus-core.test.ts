import { describe, expect, it } from 'vitest'
import { CORPUS } from './corpus/all-cases.js'
import { expectedCodes, titled } from './corpus/corpus-case.js'
import { VARIANTS, type VariantName } from './corpus/variants.js'
import { authenticateCase, runOnColdVerifier, useCorpus } from './support/corpus-runner.js'
import { recordingFetch } from './support/outcome.js'

const corpus = useCorpus(CORPUS)

const ROWS = titled(CORPUS)

describe('the hostile-token corpus through core', () => {
  it.each(ROWS)('[$group] $title: answered as expected by node:crypto and WebCrypto alike', async (row) => {
    const token = corpus.token(row)
    const [node, webcrypto] = await Promise.all([
      runOnColdVerifier(corpus.env, row, token, 'node'),
      runOnColdVerifier(corpus.env, row, token, 'webcrypto'),
    ])
    for (const [crypto, outcome] of [
      ['node', node],
      ['webcrypto', webcrypto],
    ] as const) {
      const soft = (what: string) => `${crypto}: ${what}`
      expect.soft(outcome.status, soft('status')).toBe(row.expected.status)
      expect.soft(expectedCodes(row.expected), soft(`code ${outcome.code}`)).toContain(outcome.code)
      expect.soft(outcome.wwwError, soft('WWW-Authenticate error')).toBe(row.expected.wwwError)
      expect.soft(outcome.fetched.length, soft('JWKS fetches')).toBeLessThanOrEqual(row.expected.maxJwksFetches)
      // The only URL a verifier ever fetches is its own configured JWKS URL.
      for (const url of outcome.fetched)
        expect.soft(url, soft('fetched URL')).toBe(corpus.env.jwksUrl(row.variant ?? 'default'))
      if (outcome.auth !== undefined && row.inspect !== undefined) {
        expect.soft(row.inspect(outcome.auth), soft('result inspection')).toEqual([])
      }
    }
    const agree = 'WebCrypto agrees with node:crypto'
    expect({ status: webcrypto.status, code: webcrypto.code }, agree).toEqual({
      status: node.status,
      code: node.code,
    })
  })

  it('gives the same verdicts from one warm verifier per configuration, twice in a row (token cache on)', async () => {
    const fetched: string[] = []
    const shared = new Map(
      (Object.keys(VARIANTS) as VariantName[]).map((name) => [
        name,
        corpus.env.createVerifier(name, { fetch: recordingFetch(fetched, corpus.env.localFetch) }),
      ]),
    )
    for (const round of [1, 2]) {
      for (const row of CORPUS) {
        const outcome = await authenticateCase(shared.get(row.variant ?? 'default')!, row, corpus.token(row))
        expect.soft(outcome.status, `round ${round}: ${row.name}`).toBe(row.expected.status)
        expect.soft(expectedCodes(row.expected), `round ${round}: ${row.name}`).toContain(outcome.code)
      }
    }
    // The clock is frozen, so no cooldown ever ends: one fetch per verifier, whatever the corpus throws at it.
    expect(fetched.length).toBeLessThanOrEqual(shared.size)
  })

  it('never contacted the URLs that tokens named (jku, x5u)', () => {
    expect(corpus.env.attacker.hits).toBe(0)
  })
})
