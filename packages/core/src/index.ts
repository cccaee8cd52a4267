export { parseAuthorizationHeader } from './bearer/parse-authorization-header.js'
export {
  InsufficientScopeError,
  InvalidRequestError,
  type InvalidTokenCode,
  InvalidTokenError,
  JwksUnavailableError,
  MissingTokenError,
} from './errors/error-classes.js'
export type { BearerErrorAttribute, M2MErrorCode } from './errors/error-codes.js'
export { isM2MAuthError } from './errors/is-m2m-auth-error.js'
export { M2MAuthError, type M2MAuthErrorInit, type M2MErrorResponse } from './errors/m2m-auth-error.js'
export { RevocationsUnavailableError } from './errors/revocations-unavailable-error.js'
export { createJwksCache, type JwksCacheOptions } from './jwks/jwks-cache.js'
export type {
  JwksEvent,
  JwksKey,
  JwksSeed,
  JwksSnapshot,
  JwksSource,
  JwksStats,
  RsaPublicJwk,
} from './jwks/jwks-source.js'
export { DECISION_CHANNEL, type Decision } from './observe/decision.js'
export {
  createResourceMetadata,
  type ResourceMetadataOptions,
} from './resource/create-resource-metadata.js'
export type { ProtectedResourceMetadataDocument, ResourceMetadata } from './resource/resource-metadata.js'
export { type ResourceMetadataResponse, resourceMetadataResponse } from './resource/serve-resource-metadata.js'
export { PROTECTED_RESOURCE_WELL_KNOWN, wellKnownPath } from './resource/well-known-path.js'
export { type FileRevocationsOptions, fileRevocations } from './revocation/file-revocations.js'
export {
  createRevocationList,
  MAX_CLOCK_TOLERANCE,
  type ReplaceResult,
  type RevocationList,
  type RevocationListOptions,
} from './revocation/revocation-list.js'
export {
  type ClientRevocation,
  type RevocationRule,
  type RevocationTime,
  revocationId,
  type SubjectRevocation,
  type TokenRevocation,
} from './revocation/revocation-rule.js'
export type { RevocationEntry, RevocationEvent, RevocationSource } from './revocation/revocation-source.js'
export { tokenSha256 } from './revocation/token-hash.js'
export { tokenRevocation } from './revocation/token-revocation.js'
export { hasAnyScope, hasRequiredScopes, scopeSatisfies } from './scopes/has-required-scopes.js'
export { parseScopes } from './scopes/parse-scopes.js'
export { classifyStytchToken, type StytchTokenShape } from './stytch/classify-token.js'
export { createStytchVerifier, type StytchVerifierOptions } from './stytch/create-stytch-verifier.js'
export {
  STYTCH_LIVE_URL,
  STYTCH_TEST_URL,
  type StytchProjectType,
  stytchBaseUrl,
  stytchIssuer,
  stytchJwksUrl,
} from './stytch/stytch-urls.js'
export { createVerifier } from './verify/create-verifier.js'
export type {
  AuthByKind,
  AuthOfKind,
  ConnectedAppAuth,
  JwtClaims,
  M2MAuth,
  M2MTokenAuth,
  TokenKind,
  VerifiedTokenBase,
} from './verify/m2m-auth.js'
export type {
  CommonVerifierOptions,
  JwksCacheSettings,
  RsaAlgorithm,
  TokenCacheSettings,
  Verifier,
  VerifierOptions,
} from './verify/verifier-options.js'
export type { AuthenticateOptions, ScopeCheck, VerifyOptions } from './verify/verify-options.js'
