import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  checkBoolean,
  checkNames,
  checkNumber,
  invalidOption,
  isOptionsObject,
  type OptionNames,
} from '@m2m-guard/core/options'

/**
 * Options of `issuer.listen()`.
 *
 * @example
 * ```ts
 * const running = await issuer.listen({ port: 4010, host: '127.0.0.1' })
 * ```
 */
export interface ListenOptions {
  /** TCP port; `0` (default) picks a free one. */
  port?: number | undefined
  /** Interface to bind. Default `'127.0.0.1'`. Anything but a loopback address needs `allowNonLoopback`. */
  host?: string | undefined
  /** Allows binding a non-loopback interface, exposing the fake (and its signing keys' tokens) to the network. */
  allowNonLoopback?: boolean | undefined
  /**
   * The `iss` of tokens issued by this server's token endpoint. Default: the custom domain when configured, else
   * `stytch.com/<projectId>`: what a verifier configured for the project expects.
   */
  issuer?: string | undefined
}

/** A running fake Stytch server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:54321` (no trailing slash). */
  readonly url: string
  /** The bound port. */
  readonly port: number
  /** `<url>/.well-known/jwks.json`. */
  readonly jwksUrl: string
  /** `<url>/v1/public/<projectId>/oauth2/token`. */
  readonly tokenUrl: string
  /** Stops the server and drops open connections. Safe to call more than once. */
  close(): Promise<void>
}

/** Names of {@link ListenOptions}, held to the type by the compiler. */
const LISTEN_OPTION_NAMES = {
  port: true,
  host: true,
  allowNonLoopback: true,
  issuer: true,
} as const satisfies OptionNames<ListenOptions>

// Request bodies of the fake's endpoints are small; anything larger is refused before it is buffered.
const MAX_BODY_BYTES = 1024 * 1024

/**
 * Whether `host` names a loopback interface (`localhost`, `127.x.x.x`, `::1`, with or without IPv6 brackets).
 *
 * @param host - A host name or IP address.
 * @returns `true` for loopback names and addresses.
 * @example
 * ```ts
 * isLoopbackHost('[::1]') // true
 * isLoopbackHost('0.0.0.0') // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^(?:::ffff:)?127(?:\.\d{1,3}){3}$/.test(bare)
}

/**
 * Serves `handle` over node:http.
 *
 * @throws {TypeError} when an option is unknown or invalid, e.g. a `host` that is not loopback without
 *   `allowNonLoopback`: `m2m-guard: option "host" must be …`.
 */
export async function startNodeServer(
  handle: (request: Request, issuer: string) => Promise<Response>,
  paths: { tokenPath: string; defaultIssuer: string },
  options: ListenOptions = {},
): Promise<RunningServer> {
  if (!isOptionsObject(options)) throw new TypeError('m2m-guard: the options of listen() must be an object')
  checkNames(options, LISTEN_OPTION_NAMES, 'listen', '')
  const { host = '127.0.0.1', issuer = paths.defaultIssuer } = options
  const port = checkNumber(options.port, 'port', { min: 0, max: 65_535, integer: true }, 0)
  const allowNonLoopback = checkBoolean(options.allowNonLoopback, 'allowNonLoopback') ?? false
  if (typeof host !== 'string' || host === '') invalidOption('host', 'a non-empty string')
  if (!allowNonLoopback && !isLoopbackHost(host)) {
    invalidOption('host', 'a loopback address (pass `allowNonLoopback: true` to bind another interface)')
  }
  if (typeof issuer !== 'string' || issuer === '') invalidOption('issuer', 'a non-empty string')
  const { createServer } = await import('node:http')
  let url = ''
  const server = createServer(
    toNodeListener(
      (request) => handle(request, issuer),
      (): string => url,
    ),
  )
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  if (address === null || typeof address === 'string') throw new Error('listen: the server has no TCP address')
  url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`
  let closing: Promise<void> | undefined
  return {
    url,
    port: address.port,
    jwksUrl: `${url}/.well-known/jwks.json`,
    tokenUrl: `${url}${paths.tokenPath}`,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return closing
    },
  }
}

/**
 * Adapts a WHATWG `Request → Response` handler (such as `issuer.handle`) to a node:http or node:https request
 * listener, the way `listen()` serves the fake: bodies over 1 MiB are refused with 413, the `Request` is aborted when
 * the client goes away (which releases the `'timeout'` and `'slow'` faults), and a `Response.error()` (the
 * `'network'` fault) destroys the socket without an answer.
 *
 * @param handle - The handler.
 * @param base - Returns the server's origin, against which request paths are resolved.
 * @returns A listener for `http.createServer` or `https.createServer`.
 * @example
 * ```ts
 * const server = https.createServer({ key, cert }, toNodeListener(issuer.handle, () => 'https://127.0.0.1:4010'))
 * ```
 */
export function toNodeListener(
  handle: (request: Request) => Promise<Response>,
  base: () => string,
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    serve(req, res, base(), handle).catch(() => res.destroy())
  }
}

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  base: string,
  handle: (request: Request) => Promise<Response>,
): Promise<void> {
  // Aborting the Request when the client goes away releases the 'timeout' and 'slow' faults.
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413, { connection: 'close' }).end()
      return
    }
    chunks.push(chunk)
  }
  let target: URL
  try {
    target = new URL(req.url ?? '/', base)
  } catch {
    res.writeHead(400).end()
    return
  }
  const headers = new Headers()
  for (const [name, values] of Object.entries(req.headersDistinct)) {
    for (const value of values ?? []) headers.append(name, value)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD' && chunks.length > 0
  const request = new Request(target, {
    method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : null,
    signal: controller.signal,
  })
  const response = await handle(request)
  if (response.type === 'error') {
    // The 'network' fault: drop the connection without an answer.
    req.socket.destroy()
    return
  }
  const responseHeaders: Record<string, string> = {}
  response.headers.forEach((value, name) => {
    responseHeaders[name] = value
  })
  res.writeHead(response.status, responseHeaders)
  res.end(Buffer.from(await response.arrayBuffer()))
}
