import type { StytchVerifierOptions } from '@m2m-guard/core'
import { createTestIssuer, type TestIssuer } from '@m2m-guard/testing'
import { type ClientApi, type CreatedM2MClient, createClientApi } from './client-api.js'

/** A fake Stytch project served over HTTP on loopback. */
export interface FakeStytch {
  /** The fake project (mint tokens, hostile tokens, direct client access). */
  readonly issuer: TestIssuer
  /** Its project id. */
  readonly projectId: string
  /** Origin of the HTTP server, e.g. `http://127.0.0.1:41234`. */
  readonly url: string
  /** `<url>/v1/public/<projectId>/oauth2/token`. */
  readonly tokenUrl: string
  /** The M2M client API, authenticated with the project secret. */
  readonly api: ClientApi
  /** What `createStytchVerifier` needs to trust this fake's tokens (and only them). */
  readonly verifierOptions: StytchVerifierOptions
  /** Stops the server. */
  close(): Promise<void>
}

/**
 * Starts a fake Stytch (from `@m2m-guard/testing`) on a free loopback port: JWKS, OAuth 2.0 token endpoint and M2M
 * client API, over real HTTP, with no account and no network.
 *
 * @param options - `customDomain`: tokens then carry it as `iss`, as when requested through a Stytch custom domain.
 * @returns The running fake.
 * @example
 * const fake = await startFakeStytch()
 * const verifier = createStytchVerifier(fake.verifierOptions)
 */
export async function startFakeStytch(options: { customDomain?: string | undefined } = {}): Promise<FakeStytch> {
  const { customDomain } = options
  const issuer = await createTestIssuer({ customDomain })
  const server = await issuer.listen({ host: '127.0.0.1', port: 0 })
  const { projectId, projectSecret } = issuer
  return {
    issuer,
    projectId,
    url: server.url,
    tokenUrl: server.tokenUrl,
    api: createClientApi({ baseUrl: server.url, projectId, projectSecret }),
    verifierOptions: {
      projectId,
      // The keys come from the fake instead of test.stytch.com; issuer and audience checks stay Stytch's.
      baseUrl: server.url,
      customDomains: customDomain === undefined ? undefined : [customDomain],
    },
    close: () => server.close(),
  }
}

/** The two clients every example registers: one may read users, the other read and write them. */
export interface ExampleClients {
  reader: CreatedM2MClient
  writer: CreatedM2MClient
}

/**
 * Registers the examples' two M2M clients through the M2M client API, as a provisioning script would.
 *
 * @param api - The client API of the project.
 * @returns Both clients, with their secrets (shown only this once).
 * @throws {ClientApiError} when the API refuses.
 * @example
 * const { reader, writer } = await registerExampleClients(fake.api)
 */
export async function registerExampleClients(api: ClientApi): Promise<ExampleClients> {
  const [reader, writer] = await Promise.all([
    api.create({ client_name: 'reports-service', scopes: ['read:users'] }),
    api.create({ client_name: 'admin-service', scopes: ['read:users', 'write:users'] }),
  ])
  return { reader, writer }
}
