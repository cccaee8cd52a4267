import { hasRequiredScopes, InsufficientScopeError, MissingTokenError } from '@m2m-guard/core'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'

/**
 * Checks, inside a tool handler, that the caller has every one of `scopes`: defence in depth behind
 * `createToolScopes` (which answers 403 before the SDK runs). The SDK turns what a handler throws into a tool
 * result with `isError: true`, not an HTTP status, so this is a second line, not the step-up signal.
 *
 * @param authInfo - `extra.authInfo` of the tool handler.
 * @param scopes - The scopes the tool needs.
 * @throws {MissingTokenError} `ERR_MISSING_TOKEN` when the request was not authenticated.
 * @throws {InsufficientScopeError} `ERR_INSUFFICIENT_SCOPE` when a scope is missing.
 * @example
 * server.registerTool('create_user', { inputSchema }, async (args, extra) => {
 *   requireToolScopes(extra.authInfo, 'write:users')
 *   …
 * })
 */
export function requireToolScopes(authInfo: AuthInfo | undefined, ...scopes: string[]): void {
  if (authInfo === undefined) throw new MissingTokenError()
  if (!hasRequiredScopes(authInfo.scopes, scopes)) throw new InsufficientScopeError(scopes)
}
