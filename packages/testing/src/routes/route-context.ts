import type { ClientStore } from '../clients/client-store.js'
import type { ConnectedAppStore } from '../clients/connected-app-store.js'
import type { M2MClient } from '../clients/m2m-client.js'
import type { Route } from '../http/router.js'
import type { KeyStore } from '../keys/key-store.js'
import type { ProjectSettings } from '../project-settings.js'
import type { TokenSigner } from '../tokens/token-signer.js'

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

/** What every route handler can reach. Internal. */
export interface RouteContext {
  readonly settings: ProjectSettings
  readonly keys: KeyStore
  readonly clients: ClientStore
  /** Connected Apps clients, for the introspection endpoint. */
  readonly connectedApps: ConnectedAppStore
  readonly signer: TokenSigner
  readonly customClaims: CustomClaimsTemplate | false
  /** SHA-256 of the project secret, for the client API's Basic authentication. */
  readonly projectSecretDigest: Uint8Array
  readonly request: Request
  readonly requestId: string
  /** The `iss` of tokens the token endpoint issues for this request. */
  readonly tokenIssuer: string
  /** Set by the `'empty'` JWKS fault. */
  readonly emptyKeys: boolean
}

/** A route of the fake Stytch. */
export type FakeRoute = Route<RouteContext>
