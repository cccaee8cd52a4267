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
export { m2mAuth } from './m2m-auth.js'
export { requireAnyScope, requireScopes } from './require-scopes.js'
