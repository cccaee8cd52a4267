import { isM2MAuthError } from '@m2m-guard/core'
import {
  InsufficientScopeError,
  InvalidRequestError,
  InvalidTokenError,
  type OAuthError,
  ServerError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js'

/**
 * The SDK's error for one of ours, so `requireBearerAuth` answers with the right status: a token failure (401)
 * becomes `InvalidTokenError` (401), a missing scope `InsufficientScopeError` (403), a malformed request
 * `InvalidRequestError` (400), and anything else, the JWKS being unreachable included, `ServerError` (500): never
 * a 401, which would make a client throw its valid token away. The original error is kept as `cause`.
 *
 * @param error - What the verifier threw.
 * @returns The SDK error to throw.
 * @example
 * try { return await verifier.verify(token) } catch (error) { throw toSdkError(error) }
 */
export function toSdkError(error: unknown): OAuthError {
  const mapped = map(error)
  Object.defineProperty(mapped, 'cause', { value: error, enumerable: false, configurable: true })
  return mapped
}

function map(error: unknown): OAuthError {
  if (!isM2MAuthError(error)) return new ServerError('Internal Server Error')
  // Fixed texts chosen per code: they never carry token data.
  if (error.status === 401) return new InvalidTokenError(error.message)
  if (error.status === 403) return new InsufficientScopeError(error.message)
  if (error.status === 400) return new InvalidRequestError(error.message)
  return new ServerError(error.message)
}
