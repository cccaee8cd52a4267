import { assertSecureUrl } from '@m2m-guard/core/options'
import { AgentAuthError } from './agent-auth-error.js'

/** `fetch`, as the MCP SDK's transports take it. */
export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>

/** What discovery found out. */
export interface Discovery {
  /** The protected resource's RFC 9728 metadata. */
  readonly resourceMetadata: Readonly<Record<string, unknown>>
  /** The chosen authorization server's RFC 8414 metadata. */
  readonly authorizationServerMetadata: Readonly<Record<string, unknown>>
  /** `scopes_supported` of the resource, if it lists them. */
  readonly scopesSupported: readonly string[] | undefined
}

/** What discovery reports as it goes. */
export type DiscoveryStep =
  | { readonly type: 'resource-metadata'; readonly url: string; readonly document: Readonly<Record<string, unknown>> }
  | {
      readonly type: 'authorization-server-metadata'
      readonly url: string
      readonly document: Readonly<Record<string, unknown>>
    }

const trim = (value: string): string => value.replace(/\/+$/, '')

async function getJson(fetch: FetchLike, url: URL, what: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { headers: { accept: 'application/json' }, redirect: 'error' })
  const body: unknown = response.ok ? await response.json().catch(() => undefined) : undefined
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    await response.body?.cancel()
    throw new AgentAuthError('ERR_METADATA', `The ${what} could not be read (HTTP ${response.status})`)
  }
  return body as Record<string, unknown>
}

/** RFC 8414 §3.1: the well-known suffix goes between the host and the issuer's path. */
export function authorizationServerMetadataUrl(issuer: string): URL {
  const url = new URL(issuer)
  const path = trim(url.pathname)
  return new URL(`/.well-known/oauth-authorization-server${path}`, url.origin)
}

/**
 * Discovers how to get a token for `requested` (RFC 9728 then RFC 8414): fetches the resource metadata named in
 * the challenge, checks that it describes the resource called (§3.3: a server cannot send the client to another
 * resource's metadata), picks the authorization server (one of `trusted` when given), fetches its metadata and
 * checks its `issuer` and that it offers the client-credentials grant.
 *
 * @throws {AgentAuthError} `ERR_METADATA`, `ERR_RESOURCE_MISMATCH`, `ERR_AUTHORIZATION_SERVER`.
 */
export async function discover(
  fetch: FetchLike,
  requested: URL,
  metadataUrl: string,
  trusted: readonly string[] | undefined,
  report: (step: DiscoveryStep) => void,
): Promise<Discovery> {
  let url: URL
  try {
    url = assertSecureUrl(metadataUrl, 'resource_metadata')
  } catch {
    throw new AgentAuthError('ERR_METADATA', 'The resource_metadata URL is not an https: URL')
  }
  const resourceMetadata = await getJson(fetch, url, 'protected resource metadata')
  report({ type: 'resource-metadata', url: url.href, document: resourceMetadata })
  const { resource } = resourceMetadata
  const called = `${requested.origin}${requested.pathname}`
  if (typeof resource !== 'string' || !(trim(called) === trim(resource) || called.startsWith(`${trim(resource)}/`))) {
    throw new AgentAuthError('ERR_RESOURCE_MISMATCH', 'The protected resource metadata describes another resource')
  }
  const servers = Array.isArray(resourceMetadata.authorization_servers)
    ? resourceMetadata.authorization_servers.filter((item): item is string => typeof item === 'string')
    : []
  const issuer = servers.find((server) => trusted === undefined || trusted.some((item) => trim(item) === trim(server)))
  if (issuer === undefined) {
    throw new AgentAuthError('ERR_AUTHORIZATION_SERVER', 'The resource names no authorization server this agent trusts')
  }
  const asUrl = authorizationServerMetadataUrl(assertSecureUrl(issuer, 'authorization_servers').href)
  const authorizationServerMetadata = await getJson(fetch, asUrl, 'authorization server metadata')
  report({ type: 'authorization-server-metadata', url: asUrl.href, document: authorizationServerMetadata })
  const grants = authorizationServerMetadata.grant_types_supported
  if (
    typeof authorizationServerMetadata.issuer !== 'string' ||
    trim(authorizationServerMetadata.issuer) !== trim(issuer) ||
    (Array.isArray(grants) && !grants.includes('client_credentials'))
  ) {
    throw new AgentAuthError('ERR_AUTHORIZATION_SERVER', 'The authorization server metadata does not match')
  }
  const supported = resourceMetadata.scopes_supported
  return {
    resourceMetadata,
    authorizationServerMetadata,
    scopesSupported: Array.isArray(supported)
      ? supported.filter((item): item is string => typeof item === 'string')
      : undefined,
  }
}
