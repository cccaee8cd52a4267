import type { ClientStore } from '../clients/client-store.js'
import type { ConnectedAppStore } from '../clients/connected-app-store.js'
import type { Route } from '../http/router.js'
import type { KeyStore } from '../keys/key-store.js'
import type { ProjectSettings } from '../project-settings.js'
import type { CustomClaimsTemplate } from '../test-issuer-options.js'
import type { TokenSigner } from '../tokens/token-signer.js'

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
