// Includes the result kinds: what the request's `m2m` is after narrowing on `kind`.
export type {
  ConnectedAppAuth,
  ErrorHandling,
  GuardOptions,
  M2MAuthOptions,
  M2MTokenAuth,
  TokenKind,
  VerifierSource,
} from '@m2m-guard/core'
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
export { m2mAuth } from './m2m-auth.js'
export { requireAnyScope, requireScopes } from './require-scopes.js'
