export type { AuthorizedFetch } from './authorized-fetch.js'
export { createTokenSource } from './create-token-source.js'
export {
  InsecureUrlError,
  OriginNotAllowedError,
  type TokenErrorFields,
  TokenRequestFailedError,
  type TokenRequestFailedInit,
  TokenRequestRejectedError,
  TokenRequestTimeoutError,
  TokenResponseInvalidError,
  TokenResponseTooLargeError,
  TokenSourceClosedError,
} from './errors/error-classes.js'
export type { M2MClientErrorCode } from './errors/error-codes.js'
export { M2MClientError } from './errors/m2m-client-error.js'
export type { TokenSourceEvent } from './events.js'
export type { RetryOptions, TokenSourceOptions } from './options.js'
export type { GetTokenOptions, TokenSource, TokenSourceDescription } from './token-source.js'
