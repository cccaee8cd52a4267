// Includes the result kinds: what `@M2M()` gives after narrowing on `kind`.
export {
  type ConnectedAppAuth,
  createStytchVerifier,
  isM2MAuthError,
  type M2MAuth,
  M2MAuthError,
  type M2MErrorCode,
  type M2MTokenAuth,
  type TokenKind,
  type Verifier,
} from '@m2m-guard/core'
export type { ErrorHandling, GuardOptions, M2MAuthOptions, VerifierSource } from '@m2m-guard/core/adapter'
export {
  type ClassOrMethodDecorator,
  MaxTokenAge,
  OptionalAuth,
  Public,
  RequireAnyScope,
  RequireScopes,
} from './decorators.js'
export { M2MAuthException, type NestErrorBody } from './m2m-auth-exception.js'
export { M2MExceptionFilter } from './m2m-exception-filter.js'
export { M2MGuard } from './m2m-guard.js'
export { M2MGuardModule } from './m2m-guard-module.js'
export { M2M } from './m2m-param.js'
export type { M2MGuardModuleAsyncOptions, M2MGuardModuleOptions, ModuleSettings } from './module-options.js'
export { M2M_GUARD } from './tokens.js'
