import { generateKeyPair as generateKeyPairCallback, type JsonWebKey, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import { createStytchVerifier, type StytchVerifierOptions, type Verifier } from '@m2m-guard/core'
import { createTestIssuer } from '@m2m-guard/testing'
import type { CorpusContext, CorpusKeys } from '../corpus/corpus-context.js'
import { rawHeader, stytchClaims } from '../corpus/token-parts.js'
import { VARIANTS, type VariantName } from '../corpus/variants.js'
import { fixedClock, jwksPathOf, LIVE_PROJECT_ID, NOW_S, OTHER_PROJECT_ID, PROJECT_ID, RAW_KID } from './constants.js'
import { type LoopbackServer, sendJson, startLoopbackServer } from './loopback-server.js'
import { segment, signSegments } from './raw-jws.js'

const generateKeyPair = promisify(generateKeyPairCallback)

/** A JWK Set as the corpus servers publish it. */
export interface JwkSet {
  keys: JsonWebKey[]
}

/** The corpus context plus the servers behind it and a verifier factory. */
export interface CorpusEnvironment {
  readonly ctx: CorpusContext
  /** Publishes the default and live projects' JWKS, counting hits. */
  readonly jwks: LoopbackServer
  /** The attacker's listener: any hit means a token made the verifier fetch a URL of its choosing. */
  readonly attacker: LoopbackServer
  /** The key set a variant's verifier trusts (for jose). */
  jwkSet(variant: VariantName): JwkSet
  /** The JWKS URL a variant's verifier fetches. */
  jwksUrl(variant: VariantName): string
  /**
   * A `fetch` that answers the JWKS URLs in-process, exactly as the loopback server does (same documents), and
   * fails every other URL. Cold verifiers of the corpus use it: thousands of them would spend their time in sockets.
   */
  readonly localFetch: typeof fetch
  /** A fresh (cold) verifier for a variant, frozen at the corpus time; `options` are added. */
  createVerifier(variant: VariantName, options?: Partial<StytchVerifierOptions>): Verifier
  close(): Promise<void>
}

async function rsaKeyPair(): Promise<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generateKeyPair('rsa', { modulusLength: 2048 })
}

async function createKeys(): Promise<CorpusKeys> {
  const [raw, foreign, es256, es384, es512, ed25519] = await Promise.all([
    rsaKeyPair(),
    rsaKeyPair(),
    generateKeyPair('ec', { namedCurve: 'P-256' }),
    generateKeyPair('ec', { namedCurve: 'P-384' }),
    generateKeyPair('ec', { namedCurve: 'P-521' }),
    generateKeyPair('ed25519'),
  ])
  return {
    raw: raw.privateKey,
    rawPublic: raw.publicKey,
    foreign: foreign.privateKey,
    foreignPublicJwk: foreign.publicKey.export({ format: 'jwk' }),
    ec: { ES256: es256.privateKey, ES384: es384.privateKey, ES512: es512.privateKey },
    ed25519: ed25519.privateKey,
  }
}

function stytchDocument(keys: readonly JsonWebKey[]): JwkSet & { request_id: string; status_code: number } {
  return { keys: [...keys], request_id: 'request-id-test-corpus', status_code: 200 }
}

/**
 * Starts everything the corpus needs: three fake projects (test, live, other), the corpus keys, a loopback JWKS
 * server publishing the test project's keys (the fake issuer's and the raw key) and the live project's, and the
 * attacker's listener. Every clock is frozen at `NOW_S`.
 *
 * @returns The environment; call `close()` in `afterAll`.
 */
export async function createCorpusEnvironment(): Promise<CorpusEnvironment> {
  const [issuer, live, other, keys] = await Promise.all([
    createTestIssuer({ projectId: PROJECT_ID, clock: fixedClock }),
    createTestIssuer({ projectId: LIVE_PROJECT_ID, clock: fixedClock }),
    createTestIssuer({ projectId: OTHER_PROJECT_ID, clock: fixedClock }),
    createKeys(),
  ])
  const rawPublicJwk: JsonWebKey = {
    ...keys.rawPublic.export({ format: 'jwk' }),
    kid: RAW_KID,
    alg: 'RS256',
    use: 'sig',
  }
  const sets: Record<string, JwkSet> = {
    [jwksPathOf(PROJECT_ID)]: { keys: [...issuer.jwks().keys.map((key) => ({ ...key })), rawPublicJwk] },
    [jwksPathOf(LIVE_PROJECT_ID)]: { keys: live.jwks().keys.map((key) => ({ ...key })) },
  }
  const jwks = await startLoopbackServer((req, res) => {
    const set = sets[req.url ?? '']
    if (set === undefined) sendJson(res, { error_type: 'not_found' }, 404)
    else sendJson(res, stytchDocument(set.keys))
  })
  const attacker = await startLoopbackServer((_req, res) =>
    sendJson(res, { keys: [{ ...keys.foreignPublicJwk, kid: 'attacker', alg: 'RS256', use: 'sig' }] }),
  )
  const localFetch: typeof fetch = async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    const set = url.origin === jwks.url ? sets[url.pathname] : undefined
    if (set === undefined) throw new TypeError('fetch failed')
    return new Response(JSON.stringify(stytchDocument(set.keys)), { headers: { 'content-type': 'application/json' } })
  }
  const ctx: CorpusContext = {
    now: NOW_S,
    issuer,
    live,
    other,
    keys,
    rawPublicJwk,
    attackerUrl: attacker.url,
    sign: (header, payload, { alg = 'RS256', key = keys.raw } = {}) =>
      signSegments(segment(header), segment(payload), key, alg),
    valid: () => signSegments(segment(rawHeader()), segment(stytchClaims()), keys.raw),
  }
  const jwksUrl = (variant: VariantName): string => `${jwks.url}${jwksPathOf(VARIANTS[variant].projectId)}`
  return {
    ctx,
    jwks,
    attacker,
    jwksUrl,
    localFetch,
    jwkSet: (variant) => sets[new URL(jwksUrl(variant)).pathname] as JwkSet,
    createVerifier: (variant, options = {}) => {
      const { projectId, clockTolerance } = VARIANTS[variant]
      return createStytchVerifier({
        projectId,
        baseUrl: jwks.url,
        clock: fixedClock,
        ...(clockTolerance === undefined ? {} : { clockTolerance }),
        ...options,
      })
    },
    close: async () => {
      await Promise.all([jwks.close(), attacker.close()])
    },
  }
}
