// Loopback helpers shared by the adapter packages' tests.
import { createServer, type RequestListener } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'

/** A fake Stytch project on a loopback server. */
export interface FakeStytch {
  issuer: TestIssuer
  /** Adapter options (`m2mAuth`, the Fastify plugin) that verify this project's tokens. */
  stytch: { projectId: string; baseUrl: string }
  close(): Promise<void>
}

export async function fakeStytch(): Promise<FakeStytch> {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}

/** Serves `listener` on 127.0.0.1 and returns its base URL and a closer. */
export async function serve(listener: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer(listener)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.closeAllConnections()
      return new Promise((resolve) => server.close(() => resolve()))
    },
  }
}
