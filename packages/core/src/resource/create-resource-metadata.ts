import { assertScopes } from '../adapter/assert-scopes.js'
import { sanitizeParam } from '../errors/www-authenticate.js'
import { assertSecureUrl } from '../http/secure-url.js'
import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkNumber, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import {
  type ProtectedResourceMetadataDocument,
  RESOURCE_METADATA_BRAND,
  type ResourceMetadata,
} from './resource-metadata.js'
import { wellKnownPath } from './well-known-path.js'

/** Options of {@link createResourceMetadata}. */
export interface ResourceMetadataOptions {
  /**
   * The resource identifier (RFC 9728 §2 `resource`): the URL clients call, e.g. `https://api.example.com/mcp`.
   * `https:` (or `http:` to a loopback host, for tests), no fragment, no query, no user name or password.
   */
  resource: string | URL
  /**
   * Issuer identifiers of the authorization servers (RFC 8414), at least one: for Stytch, the project domain
   * (`https://login.example.com`, or the fake's URL in tests). `https:` (loopback `http:` allowed), no query or
   * fragment.
   */
  authorizationServers: readonly (string | URL)[]
  /** Scopes a client may ask for (`scopes_supported`); recommended by the MCP specification. */
  scopesSupported?: readonly string[] | undefined
  /** `resource_name`: a human-readable name. */
  resourceName?: string | undefined
  /** `resource_documentation`: an https URL of developer documentation. */
  resourceDocumentation?: string | URL | undefined
  /** `max-age` of `Cache-Control` when the document is served, in seconds (0 to 86400). Default 3600. */
  maxAge?: number | undefined
}

const OPTION_NAMES: OptionNames<ResourceMetadataOptions> = {
  resource: true,
  authorizationServers: true,
  scopesSupported: true,
  resourceName: true,
  resourceDocumentation: true,
  maxAge: true,
}

/** An `auth-param` value is at most 200 characters once sanitised: a longer metadata URL would be cut. */
const MAX_URL_LENGTH = 200
const DEFAULT_MAX_AGE = 3600

function checkIdentifier(value: unknown, path: string): URL {
  const url = assertSecureUrl(value as string | URL, path)
  if (url.hash !== '' || String(value).includes('#')) invalidOption(path, 'a URL without a fragment')
  if (url.search !== '' || String(value).includes('?')) invalidOption(path, 'a URL without a query')
  return url
}

// The identifier as the integrator wrote it, without the slash `URL` adds to a bare origin: clients and
// authorization servers compare resource identifiers as strings (RFC 8707 §2).
function serialise(value: string | URL, url: URL): string {
  return typeof value === 'string' && url.pathname === '/' && !value.endsWith('/') ? url.origin : url.href
}

/**
 * Builds and checks the OAuth 2.0 Protected Resource Metadata (RFC 9728) of a resource, once, at start-up. Hand
 * the result to an adapter (`m2mAuth({ …, resourceMetadata })`): it then serves the document at its well-known
 * path (GET and HEAD, unauthenticated, CORS-readable, cacheable) and adds `resource_metadata="<url>"` to every
 * 401 and 403 challenge, as the MCP authorization specification requires of an MCP server.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-2 (document), #section-3.1 (location), #section-5.1
 *   (`resource_metadata` in `WWW-Authenticate`)
 * @param options - See {@link ResourceMetadataOptions}.
 * @returns A frozen {@link ResourceMetadata}: `document`, `path`, `url`.
 * @throws {TypeError} `m2m-guard: option "<name>" must be …` when an option is missing, unknown or invalid.
 * @example
 * const resourceMetadata = createResourceMetadata({
 *   resource: 'https://api.example.com/mcp',
 *   authorizationServers: ['https://login.example.com'],
 *   scopesSupported: ['read:users', 'write:users'],
 * })
 * resourceMetadata.path // '/.well-known/oauth-protected-resource/mcp'
 * app.use(m2mAuth({ projectId, resourceMetadata }))
 */
export function createResourceMetadata(options: ResourceMetadataOptions): ResourceMetadata {
  if (!isOptionsObject(options))
    throw new TypeError('m2m-guard: the options of createResourceMetadata() must be an object')
  checkNames(options, OPTION_NAMES, 'createResourceMetadata', '')
  if (options.resource === undefined) invalidOption('resource', 'the https: URL of the protected resource')
  const resourceUrl = checkIdentifier(options.resource, 'resource')
  const resource = serialise(options.resource, resourceUrl)
  const servers = options.authorizationServers as unknown
  if (!Array.isArray(servers) || servers.length === 0) {
    invalidOption('authorizationServers', 'a non-empty array of https: issuer URLs')
  }
  const authorizationServers = servers.map((value: string | URL, index: number) =>
    serialise(value, checkIdentifier(value, `authorizationServers[${index}]`)),
  )
  if (options.scopesSupported !== undefined) assertScopes('scopesSupported', options.scopesSupported)
  const scopes = options.scopesSupported === undefined ? undefined : [...options.scopesSupported]
  const { resourceName } = options
  if (resourceName !== undefined && (typeof resourceName !== 'string' || resourceName.trim() === '')) {
    invalidOption('resourceName', 'a non-empty string')
  }
  const documentation =
    options.resourceDocumentation === undefined
      ? undefined
      : assertSecureUrl(options.resourceDocumentation, 'resourceDocumentation').href
  const maxAge = checkNumber(
    options.maxAge,
    'maxAge',
    { min: 0, max: 86_400, integer: true, unit: 'seconds' },
    DEFAULT_MAX_AGE,
  )
  const path = wellKnownPath(resourceUrl)
  const url = `${resourceUrl.origin}${path}`
  if (url.length > MAX_URL_LENGTH || sanitizeParam(url) !== url) {
    invalidOption('resource', `a URL whose metadata URL is at most ${MAX_URL_LENGTH} characters`)
  }
  const document: ProtectedResourceMetadataDocument = Object.freeze({
    resource,
    authorization_servers: Object.freeze(authorizationServers),
    ...(scopes === undefined || scopes.length === 0 ? {} : { scopes_supported: Object.freeze(scopes) }),
    bearer_methods_supported: Object.freeze(['header'] as const),
    ...(resourceName === undefined ? {} : { resource_name: resourceName }),
    ...(documentation === undefined ? {} : { resource_documentation: documentation }),
  })
  const metadata: ResourceMetadata = { document, resource, path, url, maxAge }
  Object.defineProperty(metadata, RESOURCE_METADATA_BRAND, { value: true })
  return Object.freeze(metadata)
}
