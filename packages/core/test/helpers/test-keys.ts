import { generateKeyPairSync, type KeyObject, sign as nodeSign } from 'node:crypto'
import type { JwksKey, JwksSource, JwksStats, RsaPublicJwk } from '../../src/index.js'

export const PROJECT_ID = 'project-test-11111111-2222-4333-8444-555555555555'
export const ISSUER = `stytch.com/${PROJECT_ID}`

/** An RSA key pair with its public JWK. */
export interface TestKey {
  kid: string
  privateKey: KeyObject
  publicKey: KeyObject
  jwk: RsaPublicJwk
}

export function makeKey(kid: string, modulusLength = 2048): TestKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength })
  const { n, e } = publicKey.export({ format: 'jwk' })
  return {
    kid,
    privateKey,
    publicKey,
    jwk: { kty: 'RSA', kid, n: n as string, e: e as string, alg: 'RS256', use: 'sig' },
  }
}

const b64 = (value: string | object): string =>
  (Buffer.isBuffer(value) ? value : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value))).toString(
    'base64url',
  )

/** Signs arbitrary header and payload JSON with RS256 (or another RSA digest) and the given key. */
export function signJwt(
  header: object | string,
  payload: object | string | Buffer,
  key: TestKey,
  digest = 'sha256',
): string {
  const input = `${b64(header)}.${b64(payload)}`
  return `${input}.${nodeSign(digest, Buffer.from(input), key.privateKey).toString('base64url')}`
}

/** A Stytch-shaped M2M token valid at `now` (seconds). */
export function stytchToken(
  key: TestKey,
  now: number,
  overrides: Record<string, unknown> = {},
  header: object = {},
): string {
  return signJwt(
    { alg: 'RS256', kid: key.kid, typ: 'JWT', ...header },
    {
      sub: 'm2m-client-test-1',
      iss: ISSUER,
      aud: [PROJECT_ID],
      scope: 'read:users write:books',
      iat: now,
      nbf: now,
      exp: now + 3600,
      ...overrides,
    },
    key,
  )
}

/** An in-memory {@link JwksSource}: the swappable-source contract lets tests skip HTTP entirely. */
export class StaticJwks implements JwksSource {
  keys = new Map<string, JwksKey>()
  getKeyCalls = 0
  unavailable = false

  constructor(...keys: TestKey[]) {
    for (const key of keys) this.add(key)
  }

  add(key: TestKey): void {
    this.keys.set(key.kid, { kid: key.kid, jwk: key.jwk })
  }

  remove(kid: string): void {
    this.keys.delete(kid)
  }

  peekKey(kid: string): JwksKey | undefined {
    return this.unavailable ? undefined : this.keys.get(kid)
  }

  async getKey(kid: string): Promise<JwksKey | undefined> {
    this.getKeyCalls++
    if (this.unavailable) {
      const { JwksUnavailableError } = await import('../../src/index.js')
      throw new JwksUnavailableError(7)
    }
    return this.keys.get(kid)
  }

  async warm(): Promise<void> {}

  stats(): JwksStats {
    return { fetches: 0, failures: 0, staleServed: 0, cooldownHits: 0 }
  }
}
