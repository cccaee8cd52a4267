import { once } from 'node:events'
import type { AddressInfo } from 'node:net'
import { createTestIssuer } from '@m2m-guard/testing'
import type { Express } from 'express'

/**
 * A fake Stytch project served on loopback by the testing package's own `issuer.listen()`, and the `m2mAuth`
 * options (`projectId`, `baseUrl`) that verify its tokens.
 */
export async function fakeStytch() {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}

/** What {@link fakeStytch} resolves to. */
export type FakeStytch = Awaited<ReturnType<typeof fakeStytch>>

/** Serves `app` on 127.0.0.1 through Express's own `listen()`; `close()` also drops keep-alive connections. */
export async function serve(app: Express): Promise<{ url: string; close(): Promise<void> }> {
  const server = app.listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as AddressInfo
  const close = (): Promise<void> => {
    server.closeAllConnections()
    return new Promise((resolve) => server.close(() => resolve()))
  }
  return { url: `http://127.0.0.1:${port}`, close }
}

/** Serves `app`, sends one `GET /` with the given Authorization, and closes. */
export async function get(app: Express, authorization?: string): Promise<Response> {
  const server = await serve(app)
  try {
    return await fetch(`${server.url}/`, { headers: authorization === undefined ? {} : { authorization } })
  } finally {
    await server.close()
  }
}
