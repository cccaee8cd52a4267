import { describe, expect, it } from 'vitest'
import { createStytchVerifier, type JwksKey } from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

// The signature of a new token is decoded into a buffer that every verification reuses (no allocation per token).
// A verification that waits (for a JWKS fetch, or for WebCrypto to import a key) must not verify with bytes that
// another verification wrote into that buffer meanwhile.
const NOW = 1_800_000_000

/** A key source that knows `late` only after a fetch the test releases; `early` is cached from the start. */
class GatedJwks extends StaticJwks {
  #release: () => void = () => {}
  readonly #gate = new Promise<void>((resolve) => {
    this.#release = resolve
  })
  #fetched = false

  constructor(
    early: ReturnType<typeof makeKey>,
    private readonly late: ReturnType<typeof makeKey>,
  ) {
    super(early, late)
  }

  release(): void {
    this.#release()
  }

  override peekKey(kid: string): JwksKey | undefined {
    return kid === this.late.kid && !this.#fetched ? undefined : super.peekKey(kid)
  }

  override async getKey(kid: string): Promise<JwksKey | undefined> {
    await this.#gate
    this.#fetched = true
    return super.getKey(kid)
  }
}

/**
 * Two keys, the late one behind a gated fetch, and a verifier that has already verified (and, with WebCrypto,
 * imported) the early one, so a verification with the early key runs without waiting.
 */
async function raceSetUp(crypto: 'node' | 'webcrypto') {
  const early = makeKey('jwk-test-early')
  const late = makeKey('jwk-test-late')
  const jwks = new GatedJwks(early, late)
  const verifier = createStytchVerifier({ projectId: PROJECT_ID, jwks, clock: () => NOW * 1000, crypto })
  await verifier.verify(stytchToken(early, NOW, { sub: 'm2m-client-test-warm' }))
  return { early, late, jwks, verifier }
}

describe.each(['node', 'webcrypto'] as const)('the shared signature buffer (%s signatures)', (crypto) => {
  it('a verification that waited for the JWKS still checks its own signature', async () => {
    const { early, late, jwks, verifier } = await raceSetUp(crypto)
    const waiting = verifier.verify(stytchToken(late, NOW, { sub: 'm2m-client-test-late' }))
    // Decodes its signature into the shared buffer while the first one waits for the key set.
    const meanwhile = await verifier.verify(stytchToken(early, NOW, { sub: 'm2m-client-test-early' }))
    expect(meanwhile.clientId).toBe('m2m-client-test-early')
    jwks.release()
    await expect(waiting).resolves.toMatchObject({ clientId: 'm2m-client-test-late' })
  })

  it('a forged token that waited for the JWKS is still refused', async () => {
    const { early, late, jwks, verifier } = await raceSetUp(crypto)
    // Claims to be the late key's but carries the early key's signature over the same signing input.
    const genuine = stytchToken(early, NOW, { sub: 'm2m-client-test-x' }, { kid: late.kid })
    const waiting = verifier.verify(genuine).catch((error: { code?: string }) => error.code)
    await verifier.verify(stytchToken(early, NOW, { sub: 'm2m-client-test-early' }))
    jwks.release()
    expect(await waiting).toBe('ERR_TOKEN_SIGNATURE')
  })
})

describe('the shared signature buffer (WebCrypto key import)', () => {
  it('a verification that waited for its key import still checks its own signature', async () => {
    const imported = makeKey('jwk-test-imported')
    const fresh = makeKey('jwk-test-fresh')
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(imported, fresh),
      clock: () => NOW * 1000,
      crypto: 'webcrypto',
      tokenCache: false,
    })
    await verifier.verify(stytchToken(imported, NOW))
    // The fresh key is imported on this first use: the verification waits for crypto.subtle.importKey.
    const waiting = verifier.verify(stytchToken(fresh, NOW, { sub: 'm2m-client-test-fresh' }))
    // Its key imported long ago, this one writes its signature into the shared buffer without waiting.
    const meanwhile = verifier.verify(stytchToken(imported, NOW, { sub: 'm2m-client-test-imported' }))
    await expect(waiting).resolves.toMatchObject({ clientId: 'm2m-client-test-fresh' })
    await expect(meanwhile).resolves.toMatchObject({ clientId: 'm2m-client-test-imported' })
  })
})

describe('segments longer than the shared buffers', () => {
  it('a token with a payload above 8 KiB verifies under a larger maxTokenLength, and a misspelt one is refused', async () => {
    const key = makeKey('jwk-test-long')
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock: () => NOW * 1000,
      maxTokenLength: 40_000,
      tokenCache: false,
    })
    const token = stytchToken(key, NOW, { notes: 'x'.repeat(15_000) })
    const [header, payload, signature] = token.split('.') as [string, string, string]
    expect(payload.length).toBeGreaterThan(20_000)
    await expect(verifier.verify(token)).resolves.toMatchObject({ customClaims: { notes: 'x'.repeat(15_000) } })
    const misspelt = `${header}.${payload.slice(0, 10_000)}\u00e9${payload.slice(10_001)}.${signature}`
    await expect(verifier.verify(misspelt)).rejects.toMatchObject({ code: 'ERR_TOKEN_MALFORMED' })
  })
})
