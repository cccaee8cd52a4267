// The adapter kit: everything an adapter author needs, nothing an application needs (see ARCHITECTURE.md).
export { isM2MAuthError } from '../errors/is-m2m-auth-error.js'
export {
  DEFAULT_REALM,
  type M2MErrorResponse,
  type RenderableError,
  type RenderOptions,
  renderError,
} from '../errors/render-error.js'
export type { ResourceMetadata } from '../resource/resource-metadata.js'
export { isResourceMetadata } from '../resource/resource-metadata.js'
export { type ResourceMetadataResponse, resourceMetadataResponse } from '../resource/serve-resource-metadata.js'
export { createGuard, type GuardSettings } from './create-guard.js'
export type {
  ErrorHandling,
  Guard,
  GuardFailure,
  GuardOptions,
  GuardResult,
  GuardScopeCheck,
  GuardSuccess,
  M2MAuthOptions,
  RouteOptions,
  VerifierSource,
} from './guard-types.js'
export { type GuardRequest, isPreflight } from './is-preflight.js'
export {
  type HeaderRecord,
  type HeaderSource,
  type HeadersLike,
  type RawHeadersSource,
  readAuthorization,
} from './read-authorization.js'
export { type ScopeGate, type ScopeRule, scopeGate } from './scope-gate.js'
