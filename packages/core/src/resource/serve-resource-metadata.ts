import type { ResourceMetadata } from './resource-metadata.js'

/**
 * The answer to a request for the metadata document. `body` is the JSON text, also for HEAD (HTTP servers send no
 * body for HEAD, and frameworks then keep `Content-Length`); `undefined` for 204 and 405.
 */
export interface ResourceMetadataResponse {
  readonly status: 200 | 204 | 405
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
}

const ALLOW = 'GET, HEAD, OPTIONS'
const UTF8 = new TextEncoder()

/**
 * Answers a request to the metadata path: `GET` the document, `HEAD` its headers, `OPTIONS` (CORS preflight) 204,
 * anything else 405 with `Allow`. No authentication: a client reads it BEFORE it has a token (RFC 9728 §3). Any
 * origin may read it (`Access-Control-Allow-Origin: *`: it is public and carries no credentials), and caches may
 * keep it for `maxAge` seconds.
 *
 * @param metadata - From `createResourceMetadata()`.
 * @param method - The request method, upper case.
 * @returns status, headers and body.
 * @example
 * if (pathname === metadata.path) {
 *   const { status, headers, body } = resourceMetadataResponse(metadata, req.method)
 *   res.writeHead(status, headers).end(body)
 * }
 */
export function resourceMetadataResponse(metadata: ResourceMetadata, method: string): ResourceMetadataResponse {
  const cors = { 'Access-Control-Allow-Origin': '*' }
  if (method === 'OPTIONS') {
    return {
      status: 204,
      headers: {
        ...cors,
        'Access-Control-Allow-Methods': 'GET, HEAD',
        'Access-Control-Max-Age': '86400',
        Allow: ALLOW,
      },
      body: undefined,
    }
  }
  if (method !== 'GET' && method !== 'HEAD') {
    return { status: 405, headers: { ...cors, Allow: ALLOW, 'Cache-Control': 'no-store' }, body: undefined }
  }
  const text = JSON.stringify(metadata.document)
  const headers = {
    ...cors,
    'Content-Type': 'application/json',
    'Cache-Control': `public, max-age=${metadata.maxAge}`,
    'Content-Length': String(UTF8.encode(text).length),
  }
  return { status: 200, headers, body: text }
}
