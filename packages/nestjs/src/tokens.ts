/**
 * The injection token of the module's {@link Guard} (from `@m2m-guard/core/adapter`): one per `M2MGuardModule`
 * import, holding the verifier and its key and token caches. `Symbol.for`, so two copies of this package agree.
 */
export const M2M_GUARD: unique symbol = Symbol.for('m2m-guard.nestjs.guard')

/** Metadata keys of the decorators, read by `M2MGuard` through Nest's `Reflector`. */
export const METADATA = {
  requiredScopes: 'm2m-guard:required-scopes',
  anyScopes: 'm2m-guard:any-scopes',
  optional: 'm2m-guard:optional',
  public: 'm2m-guard:public',
  maxTokenAge: 'm2m-guard:max-token-age',
} as const
