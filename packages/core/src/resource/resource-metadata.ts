/** The RFC 9728 §2 document an MCP server (or any protected resource) publishes, as m2m-guard writes it. */
export interface ProtectedResourceMetadataDocument {
  /** The resource identifier: the https URL clients call and tokens are bound to. */
  readonly resource: string
  /** Issuer identifiers of the authorization servers that issue tokens for it (for Stytch: the project domain). */
  readonly authorization_servers: readonly string[]
  /** The scopes a client may ask for to call the resource. */
  readonly scopes_supported?: readonly string[]
  /** Only `header`: m2m-guard reads tokens from `Authorization: Bearer` alone (RFC 6750 §2.1). */
  readonly bearer_methods_supported: readonly ['header']
  /** Human-readable name of the resource. */
  readonly resource_name?: string
  /** A page with documentation for developers. */
  readonly resource_documentation?: string
}

/** A checked, immutable protected-resource metadata configuration, from `createResourceMetadata()`. */
export interface ResourceMetadata {
  /** The document to serve (frozen). */
  readonly document: ProtectedResourceMetadataDocument
  /** The resource identifier, as in the document. */
  readonly resource: string
  /** The path the document is served at (RFC 9728 §3.1): `/.well-known/oauth-protected-resource` + resource path. */
  readonly path: string
  /** The absolute URL of the document: the resource's origin plus {@link ResourceMetadata.path}. */
  readonly url: string
  /** `max-age` of the `Cache-Control` header the document is served with, in seconds. */
  readonly maxAge: number
}

/** The brand of a {@link ResourceMetadata}, from the global registry so a value from another copy of core passes. */
export const RESOURCE_METADATA_BRAND: unique symbol = Symbol.for('m2m-guard.resource-metadata') as never

/**
 * Whether a value is a {@link ResourceMetadata} made by `createResourceMetadata()` (of any copy of core).
 *
 * @param value - Any value.
 * @returns `true` for a branded metadata configuration.
 * @example
 * if (!isResourceMetadata(options.resourceMetadata)) invalidOption('resourceMetadata', '…')
 */
export function isResourceMetadata(value: unknown): value is ResourceMetadata {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[RESOURCE_METADATA_BRAND] === true
  )
}
