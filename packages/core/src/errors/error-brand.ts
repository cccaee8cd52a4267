/**
 * The brand every `M2MAuthError` carries, from the global symbol registry: the same key in every copy of
 * `@m2m-guard/core` loaded in one process, where `instanceof` sees only its own copy's class.
 */
export const M2M_ERROR_BRAND: unique symbol = Symbol.for('m2m-guard.error') as never
