// Includes the result kinds: what a handler's `auth` is after narrowing on `kind`.
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
export type { RouteOptions, VerifierSource } from '@m2m-guard/core/adapter'
export { type AuthenticateRequestOptions, authenticateRequest } from './authenticate-request.js'
export { createM2M, type M2M } from './create-m2m.js'
export { type ErrorResponseOptions, errorResponse } from './error-response.js'
export type { IsOptional } from './is-optional.js'
export { isPreflight } from './is-preflight.js'
export { type MetadataHandler, metadataHandler } from './metadata-handler.js'
export type {
  CallerOf,
  FetchHandler,
  M2MHandler,
  PreflightHandler,
  WebM2MOptions,
  WithM2MRouteOptions,
} from './types.js'
export { type WithM2MOptions, withM2M } from './with-m2m.js'
