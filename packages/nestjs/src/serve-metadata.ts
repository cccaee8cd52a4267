import type { Guard } from '@m2m-guard/core/adapter'

/** The raw Node request and response Nest hands a functional middleware on both platforms. */
interface RawRequest {
  method?: string
  url?: string
  originalUrl?: string
}
interface RawResponse {
  writeHead(status: number, headers: Record<string, string>): RawResponse
  end(body?: string): unknown
}

/**
 * A functional Nest middleware answering requests for the guard's protected-resource metadata document
 * (RFC 9728) and passing every other request on. It writes to the raw Node response, so it works on the Express
 * and the Fastify platform alike (Nest gives Fastify middleware the raw `req` / `res`); being a middleware it runs
 * before any guard, so a global `M2MGuard` never asks the caller for a token it cannot have yet.
 *
 * @param guard - The module's guard, with `resourceMetadata`.
 * @returns The middleware.
 */
export function metadataMiddleware(guard: Guard): (req: RawRequest, res: RawResponse, next: () => void) => void {
  return (req, res, next) => {
    // `originalUrl`: Express and middie strip the mount path from `url`; the whole path is compared.
    const url = req.originalUrl ?? req.url ?? ''
    const query = url.indexOf('?')
    const served = guard.metadataResponse(req.method ?? 'GET', query === -1 ? url : url.slice(0, query))
    if (served === undefined) {
      next()
      return
    }
    res.writeHead(served.status, { ...served.headers }).end(served.body)
  }
}
