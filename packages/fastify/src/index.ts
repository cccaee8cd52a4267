export type { ErrorHandling, GuardOptions, M2MAuthOptions, VerifierSource } from '@m2m-guard/core'
export {
  createStytchVerifier,
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  JwksUnavailableError,
  type M2MAuth,
  M2MAuthError,
  type M2MErrorCode,
  MissingTokenError,
  type Verifier,
} from '@m2m-guard/core'
export { m2mGuard, m2mGuard as default, type ScopeHandler } from './plugin.js'
export type { M2MRouteConfig } from './route-config.js'
