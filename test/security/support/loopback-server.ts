import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Answers one request of a {@link LoopbackServer}. */
export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => void

/** A node:http server on 127.0.0.1 that counts every request it receives. */
export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  readonly url: string
  /** Requests received so far. */
  readonly hits: number
  /** The path of every request received, in order. */
  readonly paths: readonly string[]
  /** How the next requests are answered; replace it at any time. */
  handler: LoopbackHandler
  /** Resolves when the server has received `count` requests in total. */
  waitForHits(count: number): Promise<void>
  /** Stops the server, dropping open connections (held and dripping responses included). */
  close(): Promise<void>
}

/** Sends a JSON document (or any body) with the given status and headers. */
export function sendJson(res: ServerResponse, body: unknown, status = 200, headers: Record<string, string> = {}): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(text)
}

const notFound: LoopbackHandler = (_req, res) => sendJson(res, { error: 'not_found' }, 404)

/**
 * Starts a counting loopback server.
 *
 * @param handler - How requests are answered; default 404.
 * @returns The running server.
 */
export async function startLoopbackServer(handler: LoopbackHandler = notFound): Promise<LoopbackServer> {
  const paths: string[] = []
  const waiters: { count: number; resolve: () => void }[] = []
  const state: { handler: LoopbackHandler } = { handler }
  const server = createServer((req, res) => {
    paths.push(req.url ?? '')
    for (const waiter of waiters.filter((w) => paths.length >= w.count)) {
      waiters.splice(waiters.indexOf(waiter), 1)
      waiter.resolve()
    }
    state.handler(req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    get hits() {
      return paths.length
    },
    paths,
    get handler() {
      return state.handler
    },
    set handler(next: LoopbackHandler) {
      state.handler = next
    },
    waitForHits: (count) =>
      paths.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
