import type { Guard, ResourceMetadataResponse } from '@m2m-guard/core/adapter'

/**
 * A served metadata answer as a Fetch `Response`. A HEAD gets the headers (with the document's `Content-Length`)
 * and no body: a `Response` built for HEAD must not carry one, whatever the runtime does with it.
 *
 * @param served - From the guard or from core's `resourceMetadataResponse`.
 * @param method - The request method.
 * @returns A new `Response`.
 * @example
 * return toMetadataResponse(resourceMetadataResponse(metadata, request.method), request.method)
 */
export function toMetadataResponse(served: ResourceMetadataResponse, method: string): Response {
  const body = method === 'HEAD' ? null : (served.body ?? null)
  return new Response(body, { status: served.status, headers: served.headers })
}

/**
 * The path of a request URL, parsed only when it may be the metadata path: every request of a wrapped handler
 * passes here, and the cheap test spares the others a URL parse.
 */
export function pathOf(url: string, path: string): string | undefined {
  return url.includes(path) ? new URL(url).pathname : undefined
}

/**
 * The guard's answer to a request for its RFC 9728 metadata document; `undefined` when the guard has no
 * `resourceMetadata` or the request is for another path (go on and authenticate).
 *
 * @param guard - The handler's guard.
 * @param request - The Fetch request.
 * @returns The response to answer with, or `undefined`.
 * @example
 * const served = metadataResponseOf(guard, request)
 * if (served !== undefined) return served
 */
export function metadataResponseOf(guard: Guard, request: Request): Response | undefined {
  const metadata = guard.resourceMetadata
  if (metadata === undefined) return undefined
  const pathname = pathOf(request.url, metadata.path)
  if (pathname === undefined) return undefined
  const served = guard.metadataResponse(request.method, pathname)
  return served === undefined ? undefined : toMetadataResponse(served, request.method)
}
