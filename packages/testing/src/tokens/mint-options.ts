/**
 * Options of `issuer.mint()` and of every hostile helper. Each one overrides one field of the token Stytch would
 * issue; anything left out gets Stytch's value.
 *
 * @example
 * ```ts
 * await issuer.mint({ scopes: 'read:users', customClaims: { tenant: 'acme' }, lifetime: 60 })
 * ```
 */
export interface MintOptions {
  /**
   * Mint a Stytch Connected Apps access token instead of an M2M one (`true` for the defaults). It has Stytch's
   * documented shape: `sub` a user (or, for B2B, a member), `client_id` the app, a `jti`, OIDC scopes, and for B2B
   * the `https://stytch.com/organization` claim. `scopes`, `audience`, `issuer` and the rest still apply.
   */
  connectedApp?: ConnectedAppMintOptions | true | undefined
  /**
   * `sub`: the M2M client id. Default `m2m-client-<env>-00000000-0000-4000-8000-000000000000`. For a Connected Apps
   * token it is `client_id` (the app, as `clientId` means in core's results); default
   * `connected-app-<env>-00000000-0000-4000-8000-000000000000`.
   */
  clientId?: string | undefined
  /** Granted scopes, as a list or a space-separated string; joined into the `scope` claim. Default: none (`""`). */
  scopes?: readonly string[] | string | undefined
  /**
   * Custom claims, as a Stytch custom-claims template would add them (top level). Registered claim names (`sub`,
   * `iss`, `aud`, `scope`, `iat`, `nbf`, `exp`, `jti`) are refused with a `TypeError`: use `claims` to override those.
   */
  customClaims?: Readonly<Record<string, unknown>> | undefined
  /** Seconds from `iat` to `exp`. Default: the issuer's `tokenLifetime` (3600). */
  lifetime?: number | undefined
  /** `iat` in Unix seconds. Default: now, from the issuer's clock. */
  iat?: number | undefined
  /** `nbf` in Unix seconds. Default: `iat`. */
  nbf?: number | undefined
  /** `exp` in Unix seconds. Default: `iat + lifetime`. */
  exp?: number | undefined
  /** `aud`, written as given (a string stays a string). Default: `[projectId]`. */
  audience?: string | readonly string[] | undefined
  /** `iss`. Default: `stytch.com/<projectId>`. */
  issuer?: string | undefined
  /**
   * Header `kid`. When it names a key of this issuer (even a retired one) that key signs; otherwise the current key
   * signs and the header carries the unknown kid. Default: the current key's kid.
   */
  kid?: string | undefined
  /** Header `typ`; `null` leaves it out. Default `"JWT"`. */
  typ?: string | null | undefined
  /** Extra or replacement header members, applied last. The signature is always RS256 (use `forge` otherwise). */
  header?: Readonly<Record<string, unknown>> | undefined
  /** Raw claim overrides, applied after everything else (any name, any JSON value, e.g. `{ exp: 'soon' }`). */
  claims?: Readonly<Record<string, unknown>> | undefined
  /** Claims to leave out of the payload, e.g. `['exp']`. */
  omitClaims?: readonly string[] | undefined
}

/**
 * The Connected Apps parts of `issuer.mint({ connectedApp })`.
 *
 * @example
 * ```ts
 * await issuer.mint({ connectedApp: { b2b: true, audiences: ['https://mcp.example.com'] }, scopes: 'openid read:users' })
 * ```
 */
export interface ConnectedAppMintOptions {
  /** `sub`: the user or member the app acts for. Default `user-<env>-<uuid>`, or `member-<env>-<uuid>` for B2B. */
  subject?: string | undefined
  /**
   * A B2B token: `sub` is a member and the `https://stytch.com/organization` claim is added (`true` for a default
   * organization). Default `false` (consumer).
   */
  b2b?: boolean | { organizationId?: string | undefined; slug?: string | undefined } | undefined
  /** Custom audiences added after the project id in `aud` (RFC 8707 resources). Ignored when `audience` is set. */
  audiences?: readonly string[] | undefined
  /** `jti`. Default: random. */
  jti?: string | undefined
}
