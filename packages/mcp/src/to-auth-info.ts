import type { M2MAuth } from '@m2m-guard/core'
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js'

/**
 * The SDK's `AuthInfo` for a verified caller: `token`, `clientId` (the M2M client, or the Connected App acting
 * for a user), `scopes`, `expiresAt` in seconds (the SDK refuses a token without it), `resource` when the server
 * binds tokens to its URL, and in `extra`: `kind`, plus `subject` (the user or member) and `organizationId` for
 * a Connected Apps token.
 *
 * @param auth - The verified caller (`req.m2m`, or a verifier's result).
 * @param resource - The resource identifier tokens are bound to (`requiredAudience`), if any.
 * @returns A fresh `AuthInfo` (the tool handler may keep it; it shares nothing with `auth`).
 * @example
 * app.post('/mcp', auth, (req, res) => {
 *   req.auth = toAuthInfo(req.m2m!)
 *   transport.handleRequest(req, res, req.body)
 * })
 */
export function toAuthInfo(auth: M2MAuth, resource?: string | undefined): AuthInfo {
  const extra: Record<string, unknown> =
    auth.kind === 'connected-app'
      ? { kind: auth.kind, subject: auth.subject, organizationId: auth.organizationId }
      : { kind: auth.kind }
  return {
    token: auth.token,
    clientId: auth.clientId,
    scopes: [...auth.scopes],
    expiresAt: Math.floor(auth.expiresAt.getTime() / 1000),
    ...(resource === undefined ? {} : { resource: new URL(resource) }),
    extra,
  }
}
