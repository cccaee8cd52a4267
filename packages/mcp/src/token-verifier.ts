import type { Verifier } from '@m2m-guard/core'
import { assertSecureUrl } from '@m2m-guard/core/options'
import type { OAuthTokenVerifier } from '@modelcontextprotocol/sdk/server/auth/provider.js'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'
import { toAuthInfo } from './to-auth-info.js'
import { toSdkError } from './to-sdk-error.js'

/** Options of {@link createTokenVerifier}. */
export interface McpTokenVerifierOptions {
  /**
   * A verifier from `createStytchVerifier()`: `tokenKinds: ['m2m', 'connected-app']` to accept Connected Apps
   * tokens, `requiredAudience` to bind them to this server (RFC 8707).
   */
  verifier: Verifier
  /**
   * The resource identifier reported as `AuthInfo.resource` (the SDK compares it with `expectedResource`). Give it
   * only when the verifier's `requiredAudience` is this URL: that is what proves the token was issued for it.
   */
  resource?: string | URL | undefined
}

/**
 * A token verifier in the MCP SDK's own interface (`OAuthTokenVerifier`), backed by an m2m-guard verifier: hand it
 * to the SDK's `requireBearerAuth({ verifier, requiredScopes, resourceMetadataUrl })`. Tokens are verified locally
 * (signature with the project's cached keys, issuer, audience, times, kind); failures become the SDK's errors, so
 * the SDK answers 401 `invalid_token`, 403 `insufficient_scope` or 500 (keys unreachable: never a 401).
 *
 * @param options - See {@link McpTokenVerifierOptions}.
 * @returns The SDK verifier: `verifyAccessToken(token)` resolves with `AuthInfo` (see `toAuthInfo`).
 * @throws {TypeError} `m2m-guard: option "verifier" must be …` or `option "resource" must be …`.
 * @example
 * const verifier = createStytchVerifier({ projectId, tokenKinds: ['m2m', 'connected-app'] })
 * app.post('/mcp', requireBearerAuth({ verifier: createTokenVerifier({ verifier }), resourceMetadataUrl }), handler)
 */
export function createTokenVerifier(options: McpTokenVerifierOptions): OAuthTokenVerifier {
  const { verifier } = options
  if (typeof (verifier as Partial<Verifier> | undefined)?.verify !== 'function') {
    throw new TypeError('m2m-guard: option "verifier" must be a Verifier from createStytchVerifier()')
  }
  const resource = options.resource === undefined ? undefined : assertSecureUrl(options.resource, 'resource').href
  return {
    async verifyAccessToken(token: string): Promise<AuthInfo> {
      try {
        return toAuthInfo(await verifier.verify(token), resource)
      } catch (error) {
        throw toSdkError(error)
      }
    },
  }
}
