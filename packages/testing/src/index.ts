export type { CreatedClient, RotationStarted } from './clients/client-store.js'
export type { CreateConnectedAppInput, CreatedConnectedApp } from './clients/connected-app-store.js'
export type { CreateClientInput, M2MClient, UpdateClientInput } from './clients/m2m-client.js'
export { SEARCH_LIMIT, type SearchPage } from './clients/search-clients.js'
export { createTestIssuer } from './create-test-issuer.js'
export type { Counters } from './engine.js'
export { TestIssuerError, type TestIssuerErrorCode } from './errors.js'
export type { FaultMode, FaultOptions, Faults, JwksFaultMode } from './faults/fault-controller.js'
export type { PublicRsaJwk } from './keys/key-store.js'
export {
  DEFAULT_PROJECT_ID,
  STYTCH_LIVE_BASE_URL,
  STYTCH_TEST_BASE_URL,
} from './project-settings.js'
export type { ClientSnapshot, IssuerSnapshot, KeySnapshot, SecretSnapshot } from './state/issuer-snapshot.js'
export type { JwksDocument, TestClients, TestConnectedApps, TestIssuer } from './test-issuer.js'
export type { CustomClaimsTemplate, TestIssuerOptions } from './test-issuer-options.js'
export type { HostileTokens } from './tokens/hostile-tokens.js'
export type { ConnectedAppMintOptions, MintOptions } from './tokens/mint-options.js'
export type { KeyMaterial } from './tokens/sign-compact.js'
export type { ForgeKey, ForgeOptions } from './tokens/token-signer.js'
export { bypassLoopback, type UnhandledRequestPrint } from './transports/bypass-loopback.js'
export {
  isLoopbackHost,
  type ListenOptions,
  type RunningServer,
  toNodeListener,
} from './transports/node-server.js'
