import { createTestIssuer } from '@m2m-guard/testing'

/**
 * A fake Stytch project served on loopback by the testing package's own `issuer.listen()`, and the plugin options
 * (`projectId`, `baseUrl`) that verify its tokens.
 */
export async function fakeStytch() {
  const issuer = await createTestIssuer()
  const server = await issuer.listen()
  return { issuer, stytch: { projectId: issuer.projectId, baseUrl: server.url }, close: () => server.close() }
}

/** What {@link fakeStytch} resolves to. */
export type FakeStytch = Awaited<ReturnType<typeof fakeStytch>>
