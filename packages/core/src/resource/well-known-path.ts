/** The well-known suffix of RFC 9728 §3. */
export const PROTECTED_RESOURCE_WELL_KNOWN = '/.well-known/oauth-protected-resource'

/**
 * Where a resource's metadata lives (RFC 9728 §3.1): the well-known suffix is inserted between the host and the
 * resource's path, and a trailing slash of the path is dropped. `https://host/mcp` →
 * `/.well-known/oauth-protected-resource/mcp`; `https://host` and `https://host/` →
 * `/.well-known/oauth-protected-resource`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3.1
 * @param resource - The resource identifier, parsed.
 * @returns The path of the metadata document.
 * @example
 * wellKnownPath(new URL('https://api.example.com/tenant/mcp')) // '/.well-known/oauth-protected-resource/tenant/mcp'
 */
export function wellKnownPath(resource: URL): string {
  const path = resource.pathname.replace(/\/+$/, '')
  return `${PROTECTED_RESOURCE_WELL_KNOWN}${path}`
}
