import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'

/** A fake Stytch project on a loopback server. */
export interface FakeStytch {
  issuer: TestIssuer
  /** Plugin options that verify this project's tokens. */
  stytch: { projectId: string; baseUrl: string }
  close(): Promise<void>
}

export async function fakeStytch(): Promise<FakeStytch> {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}
