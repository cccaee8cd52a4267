import type { M2MClient } from './clients/m2m-client.js'
import type { IssuerSnapshot } from './state/issuer-snapshot.js'

// The options live apart from the TestIssuer interface so that project-settings.ts and the route context can use
// them without importing the facade's types (which import nearly every module: an import cycle).

/**
 * Produces the custom claims of tokens issued by the token endpoint, like a Stytch custom-claims template.
 *
 * @param input.client - The authenticated client (its `trusted_metadata` is what Stytch templates read).
 * @param input.parameters - Extra token-request parameters (Stytch's `request.<param>` template values).
 * @returns Top-level claims; registered claim names (`sub`, `iss`, `aud`, `scope`, `iat`, `nbf`, `exp`, `jti`) are
 * dropped.
 */
export type CustomClaimsTemplate = (input: {
  client: M2MClient
  parameters: Readonly<Record<string, string>>
}) => Record<string, unknown>

/**
 * Options of `createTestIssuer`. All optional.
 *
 * @example
 * ```ts
 * await createTestIssuer({ projectId: 'project-live-…', customDomain: 'https://login.example.com', tokenLifetime: 600 })
 * ```
 */
export interface TestIssuerOptions {
  /** The Stytch project id. Default `project-test-00000000-0000-4000-8000-000000000000`. `project-live-…` is live. */
  projectId?: string | undefined
  /** The project secret the client API accepts (HTTP Basic `projectId:projectSecret`). Default: random. */
  projectSecret?: string | undefined
  /**
   * Origin of the API, like the SDKs' `custom_base_url`. Default: `https://test.stytch.com`, or
   * `https://api.stytch.com` for live project ids. The msw handlers serve both this and Stytch's own host.
   */
  baseUrl?: string | URL | undefined
  /**
   * Origin of the project's custom domain, e.g. `https://login.example.com`. The msw handlers serve it too, tokens
   * issued through it carry it as `iss`, and so do tokens from `listen()`.
   */
  customDomain?: string | URL | undefined
  /** Lifetime of tokens in seconds (`exp - iat`, and the token endpoint's `expires_in`). Default 3600. */
  tokenLifetime?: number | undefined
  /** Current time in milliseconds, for `iat`/`exp`. Default `Date.now` (so fake timers apply). */
  clock?: (() => number) | undefined
  /**
   * Custom claims of tokens issued by the token endpoint. Default: the client's `trusted_metadata`, top level (what a
   * Stytch custom-claims template of `{{ trusted_metadata }}` style produces). `false` adds none, as Stytch does
   * without a template.
   */
  customClaims?: CustomClaimsTemplate | false | undefined
  /**
   * Keys and clients to start with, from `issuer.snapshot()` of an issuer of the same project (e.g. read back from a
   * file), instead of a fresh key and no clients. Checked first: a damaged or foreign snapshot throws a `TypeError`.
   */
  snapshot?: IssuerSnapshot | undefined
}
