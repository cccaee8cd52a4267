import type { M2MClient } from '../clients/m2m-client.js'

/** Format marker of {@link IssuerSnapshot}; bumped when the shape changes incompatibly. */
export const SNAPSHOT_VERSION = 1

/** One signing key in a snapshot: its kid and the private key as a JWK (RFC 7517), which includes the public part. */
export interface KeySnapshot {
  kid: string
  privateJwk: Record<string, string>
}

/** One client secret in a snapshot: only its SHA-256 digest (base64url) and its last four characters. */
export interface SecretSnapshot {
  digest: string
  lastFour: string
}

/** One M2M client in a snapshot. */
export interface ClientSnapshot {
  client: M2MClient
  secret: SecretSnapshot
  /** The pending secret of a rotation in progress, else `null`. */
  next: SecretSnapshot | null
}

/**
 * The durable state of a test issuer as plain JSON: its signing keys (private!), which of them are published and
 * which signs, and its M2M clients with hashed secrets and rotations in progress. Produced by `issuer.snapshot()`,
 * restored by `createTestIssuer({ snapshot })`. Faults, counters and the clock are not part of it.
 *
 * @example
 * ```ts
 * const saved = JSON.stringify(await issuer.snapshot())
 * const again = await createTestIssuer({ projectId: issuer.projectId, snapshot: JSON.parse(saved) })
 * ```
 */
export interface IssuerSnapshot {
  version: typeof SNAPSHOT_VERSION
  projectId: string
  keys: {
    /** The kid that signs new tokens. */
    current: string
    /** Published kids, oldest first. */
    published: string[]
    /** Every key, published or retired. */
    all: KeySnapshot[]
  }
  clients: ClientSnapshot[]
}
