import { ClientStore } from './clients/client-store.js'
import { ConnectedAppStore } from './clients/connected-app-store.js'
import { hashSecret } from './clients/secret-hash.js'
import { type ErrorRenderer, FaultController } from './faults/fault-controller.js'
import { oauthError, stytchError } from './http/responses.js'
import { matchRoute, type RouteGroup } from './http/router.js'
import type { KeyStore } from './keys/key-store.js'
import { newRequestId, type ProjectSettings } from './project-settings.js'
import { clientRoutes } from './routes/client-routes.js'
import { introspectRoute } from './routes/introspect-route.js'
import { jwksRoutes } from './routes/jwks-routes.js'
import { metadataRoutes } from './routes/metadata-routes.js'
import type { FakeRoute } from './routes/route-context.js'
import { tokenRoute } from './routes/token-route.js'
import type { CustomClaimsTemplate } from './test-issuer-options.js'
import type { TokenSigner } from './tokens/token-signer.js'

/** Every route the fake serves, in matching order. */
export const ROUTES: readonly FakeRoute[] = [
  ...jwksRoutes,
  ...metadataRoutes,
  tokenRoute,
  introspectRoute,
  ...clientRoutes,
]

/** Live hit counts per endpoint group. */
export interface Counters {
  /** Requests to any of the JWKS paths. */
  jwks: number
  /** Requests to the token and introspection endpoints. */
  token: number
  /** Requests to the M2M client API. */
  api: number
}

/** Per-request choices a transport makes. */
export interface HandleOptions {
  /** The `iss` of tokens the token endpoint issues. Default: derived from the request URL (see `handle`). */
  tokenIssuer?: string | undefined
}

/** Dependencies of the engine. */
export interface EngineInit {
  settings: ProjectSettings
  keys: KeyStore
  signer: TokenSigner
  customClaims: CustomClaimsTemplate | false
}

/** The transport-free fake Stytch: WHATWG `Request` in, `Response` out. Internal. */
export class Engine {
  readonly counters: Counters = { jwks: 0, token: 0, api: 0 }
  readonly faults: FaultController = new FaultController()
  readonly clients: ClientStore
  readonly connectedApps: ConnectedAppStore
  readonly #init: EngineInit
  readonly #projectSecretDigest: Uint8Array

  private constructor(init: EngineInit, projectSecretDigest: Uint8Array) {
    this.#init = init
    this.#projectSecretDigest = projectSecretDigest
    this.clients = new ClientStore(init.settings)
    this.connectedApps = new ConnectedAppStore(init.settings)
  }

  /** Creates the engine (hashing the project secret once). */
  static async create(init: EngineInit): Promise<Engine> {
    return new Engine(init, await hashSecret(init.settings.projectSecret))
  }

  /**
   * Answers one request. The host is not checked (transports decide which hosts reach the engine); tokens issued
   * through the custom domain's origin carry that origin as `iss`, all others `stytch.com/<projectId>`.
   */
  async handle(request: Request, options: HandleOptions = {}): Promise<Response> {
    const { settings } = this.#init
    const requestId = newRequestId(settings)
    const url = new URL(request.url)
    const match = matchRoute(ROUTES, request.method, url.pathname)
    if (match.kind === 'not-found') return stytchError(404, requestId, 'route_not_found', 'No such endpoint')
    if (match.kind === 'wrong-method') {
      return stytchError(405, requestId, 'method_not_allowed', 'Method not allowed', { allow: match.allow.join(', ') })
    }
    const { route, params } = match
    this.counters[route.group] += 1
    try {
      const outcome = await this.faults.apply(route.group, request, errorRenderer(route.group, requestId))
      if (outcome.response !== undefined) return outcome.response
      return await route.run(
        {
          ...this.#init,
          clients: this.clients,
          connectedApps: this.connectedApps,
          projectSecretDigest: this.#projectSecretDigest,
          request,
          requestId,
          tokenIssuer: options.tokenIssuer ?? this.#issuerFor(url),
          emptyKeys: outcome.emptyKeys,
        },
        params,
      )
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      return errorRenderer(route.group, requestId)(500, 'error', {}, `The fake failed: ${message}`)
    }
  }

  /** Sets every counter back to zero. */
  resetCounters(): void {
    for (const group of Object.keys(this.counters) as RouteGroup[]) this.counters[group] = 0
  }

  #issuerFor(url: URL): string {
    const { customDomain, issuer } = this.#init.settings
    return customDomain !== undefined && url.origin === customDomain ? customDomain : issuer
  }
}

// Injected and unexpected errors take the shape of the endpoint: OAuth 2.0 for the token endpoint, Stytch's otherwise.
function errorRenderer(group: RouteGroup, requestId: string): ErrorRenderer {
  return (status, kind, headers, description = `Injected ${kind}`) => {
    if (group === 'token') {
      const error = kind === 'rate-limit' ? 'rate_limit_exceeded' : status >= 500 ? 'server_error' : 'invalid_request'
      return oauthError(status, requestId, error, description, headers)
    }
    const type = kind === 'rate-limit' ? 'too_many_requests' : status >= 500 ? 'internal_server_error' : 'bad_request'
    return stytchError(status, requestId, type, description, headers)
  }
}
