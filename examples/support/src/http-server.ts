import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * Starts a node:http server (an Express app or a Koa callback wrapped in `createServer`) and waits until it listens.
 *
 * @param server - The server.
 * @param options - Port (`0` picks a free one) and host.
 * @returns The origin to call it at, e.g. `http://127.0.0.1:3000`.
 * @example
 * const url = await listen(createServer(app), { port: 3000, host: '127.0.0.1' })
 */
export async function listen(server: Server, options: { port: number; host: string }): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { address, family, port } = server.address() as AddressInfo
  // A wildcard address is not something to paste into curl: print the loopback name instead.
  const host = address === '0.0.0.0' || address === '::' ? 'localhost' : family === 'IPv6' ? `[${address}]` : address
  return `http://${host}:${port}`
}

/**
 * Stops a node:http server, dropping idle keep-alive connections so it closes at once.
 *
 * @param server - The server.
 * @returns When it is closed.
 */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}

/**
 * Runs `stop` once on SIGINT (Ctrl+C) or SIGTERM, then lets the process end.
 *
 * @param stop - Closes servers and the fake.
 */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false
  const onSignal = (): void => {
    if (stopping) return
    stopping = true
    stop().catch((error: unknown) => {
      console.error(error)
      process.exitCode = 1
    })
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
}
