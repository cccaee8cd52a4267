import { isLoopbackHost } from './node-server.js'

/** The part of msw's `print` argument that {@link bypassLoopback} uses (msw's own type has more). */
export interface UnhandledRequestPrint {
  /** Reports the unhandled request and fails it (msw's `'error'` strategy). */
  error(): void
}

/**
 * An msw `onUnhandledRequest` strategy: requests to loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) go through
 * untouched, anything else fails as with `'error'`.
 *
 * msw intercepts every request of the process, including the ones supertest, `fetch(app.listen())` or
 * `issuer.listen()` send to 127.0.0.1. With `onUnhandledRequest: 'error'` those fail ("Cannot bypass a request when
 * using the 'error' strategy"); with this callback they reach your local server, and the test still cannot touch the
 * network.
 *
 * @param request - The request no msw handler answered.
 * @param print - msw's reporter; `print.error()` fails the request.
 * @throws Whatever `print.error()` throws (msw's error for an unhandled request) for a non-loopback host.
 * @example
 * ```ts
 * import { bypassLoopback, createTestIssuer } from '@m2m-guard/testing'
 * import { setupServer } from 'msw/node'
 *
 * const issuer = await createTestIssuer()
 * const server = setupServer(...issuer.handlers())
 * server.listen({ onUnhandledRequest: bypassLoopback })
 * ```
 */
export function bypassLoopback(request: Request, print: UnhandledRequestPrint): void {
  if (isLoopbackHost(new URL(request.url).hostname)) return
  print.error()
}
