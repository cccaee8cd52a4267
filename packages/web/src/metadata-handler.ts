import { isResourceMetadata, type ResourceMetadata, resourceMetadataResponse } from '@m2m-guard/core/adapter'
import { pathOf, toMetadataResponse } from './metadata-response.js'

/** A Fetch handler serving one resource's metadata document: `(request) => Response`. */
export type MetadataHandler = (request: Request) => Response

/** What a request for another path gets: the handler serves one document, at one path. */
function notFound(): Response {
  return new Response(null, { status: 404, headers: { 'Cache-Control': 'no-store' } })
}

/**
 * A Fetch handler that serves a resource's RFC 9728 metadata document, for apps that route the well-known path
 * themselves (a Next.js route file, a router's route): `GET` the document and `HEAD` its headers without
 * authentication (a client reads it before it has a token, RFC 9728 §3), `OPTIONS` a CORS preflight `204`, any
 * other method `405` with `Allow`; readable from any origin, `Cache-Control: public, max-age=<maxAge>`. A request for
 * another path (a catch-all route) gets `404`.
 *
 * @see https://www.rfc-editor.org/rfc/rfc9728#section-3
 * @param resourceMetadata - From `createResourceMetadata()`; the same value the guard names in its challenges.
 * @returns The handler.
 * @throws {TypeError} `m2m-guard: option "resourceMetadata" must be …` when it is not from `createResourceMetadata()`.
 * @example
 * // app/.well-known/oauth-protected-resource/[[...path]]/route.ts (Next.js)
 * const serve = metadataHandler(resourceMetadata)
 * export { serve as GET, serve as HEAD, serve as OPTIONS }
 */
export function metadataHandler(resourceMetadata: ResourceMetadata): MetadataHandler {
  if (!isResourceMetadata(resourceMetadata)) {
    throw new TypeError('m2m-guard: option "resourceMetadata" must be the value of createResourceMetadata()')
  }
  return (request) => {
    if (pathOf(request.url, resourceMetadata.path) !== resourceMetadata.path) return notFound()
    return toMetadataResponse(resourceMetadataResponse(resourceMetadata, request.method), request.method)
  }
}
