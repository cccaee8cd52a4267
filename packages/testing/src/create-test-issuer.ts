import { invalidOption } from '@m2m-guard/core/options'
import { Engine } from './engine.js'
import { TestIssuerError } from './errors.js'
import { KeyStore } from './keys/key-store.js'
import { newRequestId, resolveProjectSettings } from './project-settings.js'
import { checkSnapshot } from './state/check-snapshot.js'
import { SNAPSHOT_VERSION } from './state/issuer-snapshot.js'
import type { TestIssuer } from './test-issuer.js'
import type { CustomClaimsTemplate, TestIssuerOptions } from './test-issuer-options.js'
import { checkMintOptions } from './tokens/check-mint-options.js'
import { createHostileTokens } from './tokens/hostile-tokens.js'
import { TokenSigner } from './tokens/token-signer.js'
import { createMswHandlers, loadMsw } from './transports/msw-handlers.js'
import { startNodeServer } from './transports/node-server.js'

// Stytch templates read trusted_metadata; copying it to the top level is the simplest useful template.
const trustedMetadataTemplate: CustomClaimsTemplate = ({ client }) => client.trusted_metadata

/**
 * Creates a fake Stytch project: an RS256 signing key, a token minter, hostile tokens, M2M clients, and the JWKS,
 * token and client API endpoints as a `Request → Response` engine, msw handlers and a loopback HTTP server.
 *
 * @param options - See {@link TestIssuerOptions}; everything has a default.
 * @returns The issuer.
 * @throws {TypeError} when an option is unknown or invalid: `m2m-guard: option "<name>" must be …`.
 *
 * @example
 * ```ts
 * import { bypassLoopback, createTestIssuer } from '@m2m-guard/testing'
 * import { setupServer } from 'msw/node'
 *
 * const issuer = await createTestIssuer({ projectId: 'project-test-00000000-0000-4000-8000-000000000000' })
 * const server = setupServer(...issuer.handlers())
 * // requests to your own app on loopback (supertest) go through; any other unhandled request fails
 * server.listen({ onUnhandledRequest: bypassLoopback })
 * const token = await issuer.mint({ clientId: 'm2m-client-test-1', scopes: ['read:users'] })
 * ```
 */
export async function createTestIssuer(options: TestIssuerOptions = {}): Promise<TestIssuer> {
  const settings = resolveProjectSettings(options)
  const { customClaims = trustedMetadataTemplate } = options
  if (customClaims !== false && typeof customClaims !== 'function') invalidOption('customClaims', 'a function or false')
  const snapshot = options.snapshot === undefined ? undefined : checkSnapshot(options.snapshot, settings.projectId)
  const kidPrefix = `jwk-${settings.environment}-`
  const [keys, msw] = await Promise.all([
    snapshot === undefined ? KeyStore.create(kidPrefix) : KeyStore.restore(kidPrefix, snapshot.keys),
    loadMsw(),
  ])
  const signer = new TokenSigner(settings, keys)
  const engine = await Engine.create({ settings, keys, signer, customClaims })
  if (snapshot !== undefined) engine.clients.restore(snapshot.clients)
  const { projectId, baseUrl, customDomain } = settings
  const tokenPath = `/v1/public/${projectId}/oauth2/token`
  const origins = [...new Set([settings.stytchBaseUrl, baseUrl, customDomain].filter((origin) => origin !== undefined))]
  const handle = (request: Request): Promise<Response> => engine.handle(request)

  return {
    projectId,
    projectSecret: settings.projectSecret,
    issuer: settings.issuer,
    baseUrl,
    customDomain,
    jwksUrl: `${baseUrl}/v1/sessions/jwks/${projectId}`,
    b2bJwksUrl: `${baseUrl}/v1/b2b/sessions/jwks/${projectId}`,
    tokenUrl: `${baseUrl}${tokenPath}`,
    introspectionUrl: `${baseUrl}/v1/public/${projectId}/oauth2/introspect`,
    get currentKid() {
      return keys.current.kid
    },
    counters: engine.counters,
    hostile: createHostileTokens(settings, keys, signer),
    clients: engine.clients,
    connectedApps: { create: (input) => engine.connectedApps.create(input) },
    faults: engine.faults,
    mint: async (mintOptions) => {
      checkMintOptions(mintOptions, 'mint')
      return signer.mint(mintOptions)
    },
    forge: (header, payload, forgeOptions) => signer.forge(header, payload, forgeOptions),
    rotateKeys: () => keys.rotate(),
    retireKey: (kid) => keys.retire(kid),
    jwks: () => ({ keys: keys.publicKeys(), request_id: newRequestId(settings), status_code: 200 }),
    resetCounters: () => engine.resetCounters(),
    snapshot: async () => ({
      version: SNAPSHOT_VERSION,
      projectId,
      keys: await keys.snapshot(),
      clients: engine.clients.snapshot(),
    }),
    handle,
    handlers: () => {
      if (msw === undefined) {
        throw new TestIssuerError('ERR_MSW_MISSING', 'issuer.handlers() needs msw 2: install it (npm i -D msw)')
      }
      return createMswHandlers(msw, origins, projectId, handle)
    },
    listen: (listenOptions) =>
      startNodeServer(
        (request, issuer) => engine.handle(request, { tokenIssuer: issuer }),
        {
          tokenPath,
          defaultIssuer: customDomain ?? settings.issuer,
        },
        listenOptions,
      ),
  }
}
