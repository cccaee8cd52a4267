// Includes the result kinds: what `c.var.m2m` is after narrowing on `kind`.
export {
  type ConnectedAppAuth,
  createResourceMetadata,
  createStytchVerifier,
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  isM2MAuthError,
  type JwksSeed,
  type JwksSnapshot,
  JwksUnavailableError,
  type M2MAuth,
  M2MAuthError,
  type M2MErrorCode,
  type M2MTokenAuth,
  MissingTokenError,
  type ProtectedResourceMetadataDocument,
  type ResourceMetadata,
  type ResourceMetadataOptions,
  type TokenKind,
  type Verifier,
} from '@m2m-guard/core'
export type { ErrorHandling, GuardOptions, M2MAuthOptions, VerifierSource } from '@m2m-guard/core/adapter'
export { type M2MAuthMiddleware, m2mAuth } from './m2m-auth.js'
export { requireAnyScope, requireScopes } from './require-scopes.js'
export type { CallerOf, IsOptional, M2MEnv, M2MVariables } from './types.js'
