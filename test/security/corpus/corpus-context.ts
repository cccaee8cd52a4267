import type { JsonWebKey, KeyObject } from 'node:crypto'
import type { TestIssuer } from '@m2m-guard/testing'
import type { SigningKey } from '../support/raw-jws.js'

/** Keys the corpus signs with, besides the fake issuers' own. */
export interface CorpusKeys {
  /** RSA 2048, published as `RAW_KID` in the default project's JWKS: signs raw segments. */
  raw: KeyObject
  /** Its public half. */
  rawPublic: KeyObject
  /** RSA 2048, never published by the project (the attacker's key; served by the attacker listener). */
  foreign: KeyObject
  /** Its public JWK. */
  foreignPublicJwk: JsonWebKey
  /** EC keys for ES256/384/512. */
  ec: { ES256: KeyObject; ES384: KeyObject; ES512: KeyObject }
  /** Ed25519, for EdDSA. */
  ed25519: KeyObject
}

/** What a case's token builder gets. */
export interface CorpusContext {
  /** The fixed current time, in seconds. */
  readonly now: number
  /** The fake Stytch test project the default verifiers are configured for. */
  readonly issuer: TestIssuer
  /** A fake live project. */
  readonly live: TestIssuer
  /** Another test project, whose keys no corpus verifier trusts. */
  readonly other: TestIssuer
  readonly keys: CorpusKeys
  /** The raw key's JWK as published (with `kid`, `alg`, `use`). */
  readonly rawPublicJwk: JsonWebKey
  /** Base URL of a loopback listener standing in for an attacker's server; it must never be contacted. */
  readonly attackerUrl: string
  /**
   * Signs a header and payload (objects are JSON-serialized, strings used as the exact JSON text).
   *
   * @param options - `alg` (default RS256) and `key` (default the raw key), independent of the header.
   */
  sign(header: unknown, payload: unknown, options?: { alg?: string; key?: SigningKey }): string
  /** A valid token signed by the raw key: `rawHeader()` and `stytchClaims()`. */
  valid(): string
}
