import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach } from 'vitest'

/** Answers one request of a {@link LoopbackServer}. */
export type LoopbackHandler = (request: IncomingMessage, response: ServerResponse) => void

/** A real HTTP server on 127.0.0.1 that counts requests; tests swap `handle` between steps. */
export interface LoopbackServer {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly origin: string
  /** Requests received so far. */
  hits: number
  /** Headers of the last request. */
  lastHeaders: IncomingMessage['headers'] | undefined
  handle: LoopbackHandler
  close(): Promise<void>
}

/** Responds with a JSON body, `application/json` by default. */
export function sendJson(
  response: ServerResponse,
  body: unknown,
  status = 200,
  contentType = 'application/json',
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) })
  response.end(text)
}

/** Starts a loopback server; `handle` answers 404 until replaced. */
export async function startLoopbackServer(): Promise<LoopbackServer> {
  const state: LoopbackServer = {
    origin: '',
    hits: 0,
    lastHeaders: undefined,
    handle: (_request, response) => sendJson(response, { error: 'not_found' }, 404),
    close: () => closeServer(server),
  }
  const server: Server = createServer((request, response) => {
    state.hits++
    state.lastHeaders = request.headers
    state.handle(request, response)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return Object.assign(state, { origin: `http://127.0.0.1:${port}` })
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
}

/** A handler that answers every request with `document` as JSON. */
export function serveJson(document: unknown): LoopbackHandler {
  return (_request, response) => sendJson(response, document)
}

/** Starts a loopback server for the calling test file (hit count reset before each test); call the getter in tests. */
export function useLoopbackServer(): () => LoopbackServer {
  let server: LoopbackServer | undefined
  beforeAll(async () => {
    server = await startLoopbackServer()
  })
  afterAll(() => server?.close())
  beforeEach(() => {
    if (server) server.hits = 0
  })
  return () => {
    if (server === undefined) throw new Error('the loopback server is not running')
    return server
  }
}
