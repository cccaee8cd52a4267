import { generateKeyPair as generateKeyPairCallback, type JsonWebKey, type KeyObject } from 'node:crypto'
import { promisify } from 'node:util'
import {
  createStytchVerifier,
  type JwksCacheSettings,
  type JwksEvent,
  type StytchVerifierOptions,
  type Verifier,
} from '@m2m-guard/core'
import { afterEach, beforeAll, vi } from 'vitest'
import { rawHeader, stytchClaims } from '../corpus/token-parts.js'
import { NOW_MS, PROJECT_ID } from '../support/constants.js'
import { type LoopbackHandler, type LoopbackServer, sendJson, startLoopbackServer } from '../support/loopback-server.js'
import { type Outcome, outcomeOf } from '../support/outcome.js'
import { b64url, segment, signSegments } from '../support/raw-jws.js'

const generateKeyPair = promisify(generateKeyPairCallback)

/** A signing key and its JWK as a JWKS publishes it. */
export interface ScenarioKey {
  readonly kid: string
  readonly privateKey: KeyObject
  readonly jwk: JsonWebKey
}

/** Generates RSA keys with kids `jwk-test-<name>`. */
export async function createKeys(names: readonly string[], modulusLength = 2048): Promise<ScenarioKey[]> {
  return Promise.all(
    names.map(async (name) => {
      const { privateKey, publicKey } = await generateKeyPair('rsa', { modulusLength })
      const kid = `jwk-test-${name}`
      return { kid, privateKey, jwk: { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' } }
    }),
  )
}

/** A Stytch-shaped JWKS document. */
export function jwksDocument(keys: readonly JsonWebKey[]): Record<string, unknown> {
  return { keys, request_id: 'request-id-test-jwks', status_code: 200 }
}

/** One verifier against one counting loopback JWKS server, with an injected clock and its events. */
export interface JwksScenario {
  readonly server: LoopbackServer
  readonly verifier: Verifier
  readonly events: JwksEvent[]
  /** The injected clock at each server hit, in ms. */
  readonly hitTimes: readonly number[]
  /** Current injected time in ms. */
  readonly now: number
  /** Moves the injected clock (read by the verifier and the JWKS cache) forward. */
  advance(seconds: number): void
  /** From now on the server answers with `handler` (hits are still counted and timed). */
  serve(handler: LoopbackHandler): void
  /** From now on the server answers with a valid JWKS holding these keys. */
  publish(keys: readonly ScenarioKey[]): void
  /** A valid token signed by `key`, issued now, valid 10 hours (so one token string can be reused). */
  token(key: ScenarioKey): string
  /** A token whose header names `kid` (its signature is never reached). */
  tokenForKid(kid: string): string
  /** `verifier.verify(token)`, settled. */
  verify(token: string): Promise<Outcome>
  /** Resolves once every fetch started so far has reported success or failure. */
  settle(): Promise<void>
  close(): Promise<void>
}

/** Options of {@link createJwksScenario}. */
export interface ScenarioOptions {
  /** JWKS cache settings (`onEvent` is set by the scenario). */
  jwks?: Omit<JwksCacheSettings, 'onEvent'>
  /** Other verifier options. */
  verifier?: Partial<StytchVerifierOptions>
  /** The first handler; default: publishes nothing (404) until `publish`. */
  handler?: LoopbackHandler
  /** `false` keeps no events (they hold kids): for memory measurements. Default `true`. */
  recordEvents?: boolean
}

/**
 * Starts a scenario. The clock starts at the corpus's fixed time and moves only through `advance`: the cache's
 * max age, cooldown, back-off and stale window are all read from it, so no test ever sleeps.
 */
export async function createJwksScenario(options: ScenarioOptions = {}): Promise<JwksScenario> {
  let now = NOW_MS
  const hitTimes: number[] = []
  const events: JwksEvent[] = []
  let started = 0
  let finished = 0
  let waiters: (() => void)[] = []
  const server = await startLoopbackServer()
  const serve = (handler: LoopbackHandler): void => {
    server.handler = (req, res) => {
      hitTimes.push(now)
      handler(req, res)
    }
  }
  serve(options.handler ?? ((_req, res) => sendJson(res, { error: 'not_found' }, 404)))
  const verifier = createStytchVerifier({
    projectId: PROJECT_ID,
    baseUrl: server.url,
    clock: () => now,
    ...options.verifier,
    jwks: {
      ...options.jwks,
      onEvent: (event) => {
        if (options.recordEvents !== false) events.push(event)
        if (event.type === 'fetch') started++
        if (event.type === 'fetch-success' || event.type === 'fetch-failure') finished++
        if (finished >= started) {
          for (const resolve of waiters) resolve()
          waiters = []
        }
      },
    },
  })
  const sign = (kid: string, key: KeyObject): string => {
    const iat = Math.floor(now / 1000)
    return signSegments(segment(rawHeader({ kid })), segment(stytchClaims({ iat, nbf: iat, exp: iat + 36_000 })), key)
  }
  const fillerSignature = b64url(Buffer.alloc(256, 1))
  return {
    server,
    verifier,
    events,
    hitTimes,
    get now() {
      return now
    },
    advance: (seconds) => {
      now += seconds * 1000
    },
    serve,
    publish: (keys) => serve((_req, res) => sendJson(res, jwksDocument(keys.map((key) => key.jwk)))),
    token: (key) => sign(key.kid, key.privateKey),
    tokenForKid: (kid) => `${segment(rawHeader({ kid }))}.${segment(stytchClaims())}.${fillerSignature}`,
    verify: (token) => outcomeOf(verifier.verify(token)),
    settle: () => (finished >= started ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve))),
    close: () => server.close(),
  }
}

/**
 * Lets real I/O run (setImmediate turns, which fake timers leave alone) until `condition` holds.
 *
 * @throws when it does not hold after `turns` turns.
 */
export async function ioUntil(condition: () => boolean, turns = 20_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return
    await new Promise((resolve) => setImmediate(resolve))
  }
  throw new Error('condition not reached')
}

/** RSA keys generated once before the calling file's tests, by name (kid `jwk-test-<name>`). */
export function useKeys<Name extends string>(names: readonly Name[], modulusLength = 2048): Record<Name, ScenarioKey> {
  const keys = {} as Record<Name, ScenarioKey>
  beforeAll(async () => {
    const generated = await createKeys(names, modulusLength)
    names.forEach((name, index) => {
      keys[name] = generated[index] as ScenarioKey
    })
  }, 30_000)
  return keys
}

/** Starts scenarios that are closed, with real timers restored, after each test of the calling file. */
export function useScenarios(): (options?: ScenarioOptions) => Promise<JwksScenario> {
  const open: JwksScenario[] = []
  afterEach(async () => {
    vi.useRealTimers()
    await Promise.all(open.splice(0).map((scenario) => scenario.close()))
  })
  return async (options) => {
    const scenario = await createJwksScenario(options)
    open.push(scenario)
    return scenario
  }
}
