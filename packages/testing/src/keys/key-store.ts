import { exportJWK, generateKeyPair, importJWK } from 'jose'
import { TestIssuerError } from '../errors.js'
import { randomUuid } from '../lib/random.js'
import type { IssuerSnapshot, KeySnapshot } from '../state/issuer-snapshot.js'

/** An RSA public key as Stytch publishes it in the JWKS. */
export interface PublicRsaJwk {
  kty: 'RSA'
  use: 'sig'
  alg: 'RS256'
  kid: string
  n: string
  e: string
}

/** One RS256 key pair with its Stytch-style kid. */
export interface SigningKey {
  readonly kid: string
  readonly privateKey: CryptoKey
  readonly publicKey: CryptoKey
  readonly publicJwk: PublicRsaJwk
}

/** Generates an RS256 2048-bit key pair with a `jwk-<env>-<uuid>` kid. */
export async function generateSigningKey(kidPrefix: string): Promise<SigningKey> {
  // Extractable so forge() can re-import the key for other RSA algorithms and derive the PEM for HS256 confusion.
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
  const kid = `${kidPrefix}${randomUuid()}`
  const { n, e } = await exportJWK(publicKey)
  if (n === undefined || e === undefined) throw new Error('jose exported an RSA key without n or e')
  return { kid, privateKey, publicKey, publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e } }
}

/**
 * Re-creates a key pair from its private JWK (the public half is derived from `n` and `e`).
 *
 * @throws TypeError naming `snapshot` when the key cannot be imported.
 */
async function importSigningKey({ kid, privateJwk }: KeySnapshot): Promise<SigningKey> {
  const { n, e } = privateJwk
  try {
    if (n === undefined || e === undefined) throw new Error('no n or e')
    const privateKey = (await importJWK({ ...privateJwk, alg: 'RS256' }, 'RS256', { extractable: true })) as CryptoKey
    const publicKey = (await importJWK({ kty: 'RSA', n, e }, 'RS256', { extractable: true })) as CryptoKey
    return { kid, privateKey, publicKey, publicJwk: { kty: 'RSA', use: 'sig', alg: 'RS256', kid, n, e } }
  } catch (error) {
    throw new TypeError(`createTestIssuer: \`snapshot\` key ${kid} cannot be imported`, { cause: error })
  }
}

/**
 * The issuer's keys: the published set, the signing key, retired keys (still usable to mint, no longer published),
 * and a lazily created foreign key that is never published.
 */
export class KeyStore {
  readonly #kidPrefix: string
  readonly #all = new Map<string, SigningKey>()
  #published: string[]
  #current: SigningKey
  #foreign: Promise<SigningKey> | undefined

  private constructor(kidPrefix: string, first: SigningKey) {
    this.#kidPrefix = kidPrefix
    this.#all.set(first.kid, first)
    this.#published = [first.kid]
    this.#current = first
  }

  /** Re-creates a store from {@link KeyStore.snapshot}'s output (already checked by `checkSnapshot`). */
  static async restore(kidPrefix: string, snapshot: IssuerSnapshot['keys']): Promise<KeyStore> {
    const keys = await Promise.all(snapshot.all.map(importSigningKey))
    const byKid = new Map(keys.map((key) => [key.kid, key]))
    const store = new KeyStore(kidPrefix, byKid.get(snapshot.current)!)
    for (const key of keys) store.#all.set(key.kid, key)
    store.#published = [...snapshot.published]
    return store
  }

  /** Every key (private JWKs), the published kids and the current kid, as plain JSON. */
  async snapshot(): Promise<IssuerSnapshot['keys']> {
    const all = await Promise.all(
      [...this.#all.values()].map(async (key) => {
        const { kty, n, e, d, p, q, dp, dq, qi } = await exportJWK(key.privateKey)
        const privateJwk = Object.fromEntries(
          Object.entries({ kty, n, e, d, p, q, dp, dq, qi }).filter((entry): entry is [string, string] => !!entry[1]),
        )
        return { kid: key.kid, privateJwk }
      }),
    )
    return { current: this.#current.kid, published: [...this.#published], all }
  }

  /** Creates a store with one freshly generated signing key. */
  static async create(kidPrefix: string): Promise<KeyStore> {
    return new KeyStore(kidPrefix, await generateSigningKey(kidPrefix))
  }

  /** The key new tokens are signed with. */
  get current(): SigningKey {
    return this.#current
  }

  /** Any key this store ever generated (published or retired), by kid. */
  find(kid: string): SigningKey | undefined {
    return this.#all.get(kid)
  }

  /** Adds a new key, publishes it and signs with it from now on; older keys stay published. */
  async rotate(): Promise<string> {
    const key = await generateSigningKey(this.#kidPrefix)
    this.#all.set(key.kid, key)
    this.#published.push(key.kid)
    this.#current = key
    return key.kid
  }

  /** Stops publishing `kid`. The key can still be named in `mint({ kid })`, to test tokens signed by a retired key. */
  retire(kid: string): void {
    if (kid === this.#current.kid) {
      throw new TestIssuerError('ERR_KEY_IN_USE', `Key ${kid} signs new tokens; rotate before retiring it`)
    }
    if (!this.#published.includes(kid)) {
      throw new TestIssuerError('ERR_KEY_NOT_FOUND', `Key ${kid} is not published`)
    }
    this.#published = this.#published.filter((published) => published !== kid)
  }

  /** The published public keys, oldest first. */
  publicKeys(): PublicRsaJwk[] {
    return this.#published.map((kid) => ({ ...this.#all.get(kid)!.publicJwk }))
  }

  /** A key pair that is never published: tokens it signs must fail signature verification. */
  foreign(): Promise<SigningKey> {
    this.#foreign ??= generateSigningKey(this.#kidPrefix)
    return this.#foreign
  }
}
