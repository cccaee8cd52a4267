/** A verified JWT payload. Deeply frozen. */
export type JwtClaims = Readonly<Record<string, unknown>>

/**
 * The kinds of access token a verifier can accept. Stytch signs both with the same keys, issuer and audience:
 * - `'m2m'`: an M2M access token (client credentials); the caller is a machine, `sub` is the M2M client id.
 * - `'connected-app'`: a Connected Apps (OAuth/OIDC) access token; the caller is an app acting for a user or member.
 *
 * Stytch session JWTs are never accepted, whatever the configuration.
 */
export type TokenKind = 'm2m' | 'connected-app'

/** What every verified token carries, whatever its kind. Deeply frozen: it is shared through the token cache. */
export interface VerifiedTokenBase {
  /** Which kind of token this is; narrow on it before reading kind-specific fields. */
  readonly kind: TokenKind
  /** Granted scopes from `scope`, split on spaces, empty parts dropped. */
  readonly scopes: readonly string[]
  /** The payload minus `aud exp iat iss jti nbf sub scope` (deeply frozen). */
  readonly customClaims: JwtClaims
  /** The whole verified payload (deeply frozen). */
  readonly claims: JwtClaims
  /** When the token expires (`exp`). A new `Date` on every read, so changing it changes nothing shared. */
  readonly expiresAt: Date
  /** When the token was issued (`iat`). A new `Date` on every read. */
  readonly issuedAt: Date
  /** The accepted issuer (`iss`). */
  readonly issuer: string
  /** The raw token, for forwarding to another API; never logged by this library. */
  readonly token: string
}

/**
 * A verified M2M access token: a machine calling with client credentials. Results of the generic `createVerifier`
 * have this kind too (there, `clientId` is simply `sub`).
 */
export interface M2MTokenAuth extends VerifiedTokenBase {
  readonly kind: 'm2m'
  /** The M2M client id (`sub`). */
  readonly clientId: string
}

/** A verified Stytch Connected Apps access token: an OAuth app acting for a user (consumer) or member (B2B). */
export interface ConnectedAppAuth extends VerifiedTokenBase {
  readonly kind: 'connected-app'
  /** The user (`user-…`) or member (`member-…`) the app acts for (`sub`). */
  readonly subject: string
  /** The Connected App's client id (`client_id`), e.g. `connected-app-test-…`. */
  readonly clientId: string
  /** B2B tokens: `organization_id` of the `https://stytch.com/organization` claim; `undefined` for consumer ones. */
  readonly organizationId: string | undefined
}

/**
 * The result of a successful verification: who called, with which scopes. A union over {@link TokenKind}: narrow on
 * `kind` (`clientId`, `scopes` and the common fields are there on every kind). Deeply frozen.
 */
export type M2MAuth = M2MTokenAuth | ConnectedAppAuth

/** The result type of each {@link TokenKind}. */
export interface AuthByKind {
  m2m: M2MTokenAuth
  'connected-app': ConnectedAppAuth
}

/**
 * The result type for the accepted kinds `K`, e.g. `AuthOfKind<'m2m'>` is {@link M2MTokenAuth}. (An indexed access,
 * not a conditional type, so a `Verifier<'m2m'>` is assignable to a `Verifier` of any kind.)
 */
export type AuthOfKind<K extends TokenKind> = AuthByKind[K]
