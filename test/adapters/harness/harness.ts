import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RouteSpec, StytchEnv } from '../routes.js'

/** The header that tells a handler which request it serves; handlers record it in {@link RunningServer.handled}. */
export const REQUEST_ID = 'x-request-id'

/** A framework app listening on 127.0.0.1. */
export interface RunningServer {
  readonly port: number
  /** Request ids whose route handler ran. */
  readonly handled: Set<string>
  close(): Promise<void>
}

/** Builds one framework version's app from the route table. */
export interface Harness {
  readonly name: string
  start(routes: readonly RouteSpec[], env: StytchEnv): Promise<RunningServer>
}

/** Listens on an ephemeral loopback port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  return (server.address() as AddressInfo).port
}

/** Closes a server, dropping idle keep-alive sockets. */
export async function close(server: Server): Promise<void> {
  server.closeAllConnections()
  await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())))
}

/** Records that the handler of a request ran. */
export function recordHandled(handled: Set<string>, id: string | string[] | undefined): void {
  if (typeof id === 'string') handled.add(id)
}
