/** A verified JWT payload. */
export type JwtClaims = Readonly<Record<string, unknown>>

/**
 * The result of a successful verification: who called, with which scopes.
 * Frozen: it may be shared between requests through the verified-token cache.
 */
export interface M2MAuth {
  /** The M2M client id (`sub`). */
  readonly clientId: string
  /** Granted scopes from `scope`, split on spaces, empty parts dropped. */
  readonly scopes: readonly string[]
  /** The payload minus `aud exp iat iss jti nbf sub scope`. */
  readonly customClaims: JwtClaims
  /** The whole verified payload. */
  readonly claims: JwtClaims
  /** When the token expires (`exp`). */
  readonly expiresAt: Date
  /** When the token was issued (`iat`). */
  readonly issuedAt: Date
  /** The accepted issuer (`iss`). */
  readonly issuer: string
  /** The raw token, for forwarding to another API; never logged by this library. */
  readonly token: string
}
