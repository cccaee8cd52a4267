// Includes the result kinds: what the request's `m2m` is after narrowing on `kind`.
export {
  type ConnectedAppAuth,
  createStytchVerifier,
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  isM2MAuthError,
  JwksUnavailableError,
  type M2MAuth,
  M2MAuthError,
  type M2MErrorCode,
  type M2MTokenAuth,
  MissingTokenError,
  type TokenKind,
  type Verifier,
} from '@m2m-guard/core'
export type { ErrorHandling, GuardOptions, M2MAuthOptions, VerifierSource } from '@m2m-guard/core/adapter'
export { m2mGuard, m2mGuard as default, type ScopeHandler } from './plugin.js'
export type { M2MRouteConfig } from './route-config.js'
