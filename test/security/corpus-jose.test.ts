import { createLocalJWKSet, jwtVerify } from 'jose'
import { describe, expect, it } from 'vitest'
import { CORPUS } from './corpus/all-cases.js'
import type { CorpusCase } from './corpus/corpus-case.js'
import { VARIANTS } from './corpus/variants.js'
import { issuerOf, NOW_MS } from './support/constants.js'
import { useCorpus } from './support/corpus-runner.js'
import { outcomeOf } from './support/outcome.js'

/**
 * Every case where our verdict and strictly configured jose's differ, with the reason. The test asserts that this
 * is exactly the set of disagreements: a new one fails it, and so does one that disappeared.
 */
const DELIBERATE_DIFFERENCES: Record<string, string> = {
  ...because(
    'jose ignores jku, x5u, jwk and x5c when a key is given; we refuse any token that names its own key, so a ' +
      'later change of key resolution can never start trusting it (RFC 8725 §3.10)',
    'a jku to the attacker on an otherwise valid token',
    'an x5u to the attacker on an otherwise valid token',
    'the published key embedded as jwk on an otherwise valid token',
    'an x5c chain on an otherwise valid token',
    'an empty jku on an otherwise valid token',
    'a null jwk on an otherwise valid token',
  ),
  ...because(
    'jose understands the b64 extension (RFC 7797) and ignores b64 outside crit; Stytch never sends it, and we ' +
      'understand no extension, so crit and b64 are refused outright',
    'crit ["b64"] on an otherwise valid token',
    'b64 true without crit',
    'b64 false without crit',
  ),
  ...because(
    "jose's base64url decoder drops whitespace and accepts padding; our shape check wants exactly three base64url " +
      'segments (the Authorization parser trims the field, so these never arrive from HTTP)',
    'a valid token followed by a space (optional whitespace of the field)',
    'a valid token followed by a tab',
    'padding on the signature',
  ),
  ...because(
    "jose's base64url decoder ignores the unused low bits of a segment's last character, so every token has up to " +
      '16 spellings; we accept only the canonical encoding (RFC 4648 §3.5), so one token has one string (issue 11)',
    'a valid signature whose last character sets unused bits',
  ),
  ...because(
    "jose's UTF-8 decoding strips a leading byte order mark; JSON texts must not start with one (RFC 8259 §8.1), " +
      'and a verifier that tolerates bytes the issuer never produces only widens its parser surface',
    'a header starting with a byte order mark',
    'a validly signed payload starting with a byte order mark',
  ),
  ...because(
    'jose has no length limit; we refuse tokens over maxTokenLength (8192) before decoding anything',
    'a valid token of 8193 characters',
    "the testing package's oversized token (9000 characters)",
  ),
  ...because(
    'jose only checks that NumericDates are numbers, so Infinity passes; we require finite numbers (RFC 7519 §2)',
    'exp 1e400 (parses to Infinity)',
    'iat 1e400',
  ),
  ...because(
    'we require NumericDates that a Date can hold, since the result exposes expiresAt and issuedAt as Dates ' +
      '(these two cases still fail in core: reported bug)',
    'exp beyond the Date range (1e300)',
    'iat before the Date range (-1e300)',
  ),
  ...because(
    'jose checks that iat is not in the future only when maxTokenAge is set; a token issued in the future (beyond ' +
      'the clock tolerance) is refused by us as not yet valid, always',
    'iat = now + 6 (default tolerance)',
    'iat = now + 1 (tolerance 0)',
    'iat = now + 31 (tolerance 30)',
    'iat 1 hour in the future',
  ),
  ...because(
    'maxTokenAge follows stytch-node: now - iat >= maxTokenAge is too old, without clock tolerance (so 0 refuses ' +
      'every token); jose refuses only when now - iat - tolerance > maxTokenAge',
    'iat = now - 60 with maxTokenAge 60',
    'a fresh token with maxTokenAge 0',
  ),
  ...because(
    'jose checks aud members only for a match; we refuse an aud array holding anything but strings (RFC 7519 §4.1.3)',
    'aud with the project id and a number',
  ),
  ...because(
    'jose requires sub to be present only; we require a non-empty string, since sub becomes clientId',
    'sub ""',
    'sub 1',
    'sub null',
    'sub []',
    'sub {"id":"x"}',
  ),
  ...because(
    'jose knows nothing of scope; we refuse a scope claim that is not a string rather than guess its meaning',
    'scope ["read:users"]',
    'scope 1',
    'scope null',
    'scope {"read:users":true}',
  ),
  ...because(
    'Stytch session JWTs are signed by the same keys with the same issuer and audience; jose cannot tell them from ' +
      'M2M tokens, we refuse their session claims (ERR_TOKEN_TYPE)',
    "the testing package's session JWT",
    'a session JWT that also carries a scope',
    'a B2B session JWT (organization claim)',
    'a session claim that is null',
    'a B2B session JWT with both session claims',
  ),
  ...because(
    'Stytch Connected Apps access tokens are signed by the same keys with the same issuer and audience; jose cannot ' +
      'tell them from M2M tokens, we classify every token and refuse kinds not accepted (ERR_TOKEN_TYPE)',
    "the testing package's Connected Apps token carrying the route's scope",
    'a B2B Connected Apps token',
    'an M2M token whose custom claims include client_id',
  ),
}

function because(reason: string, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, reason]))
}

const corpus = useCorpus(CORPUS)

/** jose's verdict, configured as strictly as it goes for the case's verifier. */
async function joseAccepts(row: CorpusCase, token: string): Promise<boolean> {
  const variant = VARIANTS[row.variant ?? 'default']
  try {
    await jwtVerify(
      token,
      createLocalJWKSet(corpus.env.jwkSet(row.variant ?? 'default') as Parameters<typeof createLocalJWKSet>[0]),
      {
        algorithms: ['RS256'],
        issuer: issuerOf(variant.projectId),
        audience: variant.projectId,
        typ: 'JWT',
        requiredClaims: ['exp', 'iat', 'sub', 'iss', 'aud'],
        clockTolerance: variant.effectiveTolerance,
        currentDate: new Date(NOW_MS),
        ...(row.call?.maxTokenAge === undefined ? {} : { maxTokenAge: row.call.maxTokenAge }),
      },
    )
    return true
  } catch {
    return false
  }
}

/** Our verdict on the bare token (`verify`, no scope requirement: jose has no scope rules). */
async function weAccept(row: CorpusCase, token: string): Promise<boolean> {
  const verifier = corpus.env.createVerifier(row.variant ?? 'default', { fetch: corpus.env.localFetch })
  const maxTokenAge = row.call?.maxTokenAge
  const outcome = await outcomeOf(verifier.verify(token, maxTokenAge === undefined ? {} : { maxTokenAge }))
  return outcome.status === 200
}

describe('the corpus against a strictly configured jose.jwtVerify', () => {
  it('agrees on every verdict except the deliberate differences listed with their reasons', async () => {
    const disagreements: Record<string, { ours: string; jose: string }> = {}
    for (const row of CORPUS) {
      const token = corpus.token(row)
      const [ours, jose] = await Promise.all([weAccept(row, token), joseAccepts(row, token)])
      if (ours !== jose) {
        disagreements[row.name] = { ours: ours ? 'accept' : 'reject', jose: jose ? 'accept' : 'reject' }
      }
    }
    expect(Object.keys(disagreements).sort()).toEqual(Object.keys(DELIBERATE_DIFFERENCES).sort())
    // Every deliberate difference is one where we are the stricter party.
    for (const [name, verdicts] of Object.entries(disagreements)) {
      expect.soft(verdicts, name).toEqual({ ours: 'reject', jose: 'accept' })
    }
  })
})
