import type { OptionNames } from '../options/check-names.js'
import type { CommonVerifierOptions, TokenCacheSettings, VerifierOptions } from './verifier-options.js'
import type { AuthenticateOptions, VerifyOptions } from './verify-options.js'

// Each list is typed `OptionNames<T>`, so the compiler holds it to its type: a field added to a type without its
// name here, or a name here the type lacks, fails the build. The first names are the likeliest suggestions.

/** Names of {@link CommonVerifierOptions}, shared by both factories. */
export const COMMON_OPTION_NAMES: OptionNames<CommonVerifierOptions> = {
  clockTolerance: true,
  maxTokenAge: true,
  maxTokenLength: true,
  jwks: true,
  tokenCache: true,
  fetch: true,
  realm: true,
  crypto: true,
  clock: true,
  revocations: true,
  onDecision: true,
}

/** Names of {@link VerifierOptions}. */
export const VERIFIER_OPTION_NAMES: OptionNames<VerifierOptions> = {
  ...COMMON_OPTION_NAMES,
  issuers: true,
  audience: true,
  jwksUri: true,
  algorithms: true,
  typ: true,
  requiredClaims: true,
  forbiddenClaims: true,
}

/** Names of {@link TokenCacheSettings}. */
export const TOKEN_CACHE_OPTION_NAMES: OptionNames<TokenCacheSettings> = { max: true }

/** Names of {@link VerifyOptions}, the per-call options of `verify()`. */
export const VERIFY_OPTION_NAMES: OptionNames<VerifyOptions> = {
  requiredScopes: true,
  anyScopes: true,
  scopeCheck: true,
  maxTokenAge: true,
  realm: true,
}

/** Names of {@link AuthenticateOptions}, the per-call options of `authenticate()`. */
export const AUTHENTICATE_OPTION_NAMES: OptionNames<AuthenticateOptions> = {
  ...VERIFY_OPTION_NAMES,
  required: true,
}
