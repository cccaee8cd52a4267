import type { CreatedClient, RotationStarted } from './clients/client-store.js'
import type { CreateConnectedAppInput, CreatedConnectedApp } from './clients/connected-app-store.js'
import type { CreateClientInput, M2MClient, UpdateClientInput } from './clients/m2m-client.js'
import type { Counters } from './engine.js'
import type { Faults } from './faults/fault-controller.js'
import type { PublicRsaJwk } from './keys/key-store.js'
// Not from 'msw' directly: the published types must compile without the optional peer (see msw-types.d.ts).
import type { HttpHandler } from './msw-types.js'
import type { IssuerSnapshot } from './state/issuer-snapshot.js'
import type { HostileTokens } from './tokens/hostile-tokens.js'
import type { MintOptions } from './tokens/mint-options.js'
import type { ForgeOptions } from './tokens/token-signer.js'
import type { ListenOptions, RunningServer } from './transports/node-server.js'

/**
 * The M2M clients of the fake project, managed directly (the HTTP client API uses the same store).
 *
 * @example
 * ```ts
 * const { client, clientSecret } = await issuer.clients.create({ scopes: ['read:users'] })
 * const { nextClientSecret } = await issuer.clients.startRotation(client.client_id)
 * issuer.clients.completeRotation(client.client_id)
 * ```
 */
export interface TestClients {
  /**
   * Registers a client. The secret is returned this once; only its SHA-256 digest is kept.
   * @throws {@link TestIssuerError} `ERR_CLIENT_INVALID`, `ERR_CLIENT_EXISTS`.
   */
  create(input: CreateClientInput): Promise<CreatedClient>
  /** The client, or `undefined`. */
  get(clientId: string): M2MClient | undefined
  /** Every client, in creation order. */
  list(): M2MClient[]
  /** Changes the given fields. @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`, `ERR_CLIENT_INVALID`. */
  update(clientId: string, patch: UpdateClientInput): M2MClient
  /** Removes the client; tokens already issued stay valid. @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`. */
  delete(clientId: string): void
  /**
   * Starts a secret rotation; current and next secret both work until it is completed or cancelled.
   * @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`, `ERR_CLIENT_INVALID` (a custom secret under 8 characters).
   */
  startRotation(clientId: string, options?: { nextClientSecret?: string }): Promise<RotationStarted>
  /** The next secret becomes the secret. @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`, `ERR_NO_ROTATION`. */
  completeRotation(clientId: string): M2MClient
  /** Discards the next secret. @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`, `ERR_NO_ROTATION`. */
  cancelRotation(clientId: string): M2MClient
  /** The client if `secret` is its current or next secret (whatever its status), else `undefined`. */
  authenticate(clientId: string, secret: string): Promise<M2MClient | undefined>
}

/**
 * The Connected Apps clients of the fake project. They exist only to authenticate callers of the RFC 7662
 * introspection endpoint (`POST <baseUrl>/v1/public/<projectId>/oauth2/introspect`); Connected Apps tokens are
 * minted with `issuer.mint({ connectedApp: … })`, whatever app they name.
 *
 * @example
 * ```ts
 * const { clientId, clientSecret } = await issuer.connectedApps.create()
 * ```
 */
export interface TestConnectedApps {
  /**
   * Registers an app. The secret is returned this once; only its SHA-256 digest is kept.
   * @throws {@link TestIssuerError} `ERR_CLIENT_INVALID` (empty id, secret under 8 characters), `ERR_CLIENT_EXISTS`.
   */
  create(input?: CreateConnectedAppInput): Promise<CreatedConnectedApp>
}

/** The JWKS document, in Stytch's shape (with the extra `request_id` and `status_code`). */
export interface JwksDocument {
  keys: PublicRsaJwk[]
  request_id: string
  status_code: number
}

/**
 * A fake Stytch project: keys, token minting, hostile tokens, M2M clients and the HTTP endpoints. Create it with
 * `createTestIssuer`.
 *
 * @example
 * ```ts
 * const issuer = await createTestIssuer()
 * const token = await issuer.mint({ scopes: ['read:users'] })
 * const expired = await issuer.hostile.expired()
 * ```
 */
export interface TestIssuer {
  /** The project id. */
  readonly projectId: string
  /** The project secret the client API accepts. */
  readonly projectSecret: string
  /** `stytch.com/<projectId>`, the `iss` of minted tokens. */
  readonly issuer: string
  /** Origin of the API (`https://test.stytch.com`, `https://api.stytch.com`, or the configured `baseUrl`). */
  readonly baseUrl: string
  /** Origin of the custom domain, when configured. */
  readonly customDomain: string | undefined
  /** The consumer JWKS URL: `<baseUrl>/v1/sessions/jwks/<projectId>`. */
  readonly jwksUrl: string
  /** The B2B JWKS URL: `<baseUrl>/v1/b2b/sessions/jwks/<projectId>`. */
  readonly b2bJwksUrl: string
  /** The token endpoint: `<baseUrl>/v1/public/<projectId>/oauth2/token`. */
  readonly tokenUrl: string
  /** The kid of the key that signs new tokens. */
  readonly currentKid: string
  /** Live hit counts of the JWKS, token and client API endpoints (all transports). */
  readonly counters: Readonly<Counters>
  /** Named hostile tokens for negative tests. */
  readonly hostile: HostileTokens
  /** The project's M2M clients. */
  readonly clients: TestClients
  /** The project's Connected Apps clients (for the introspection endpoint). */
  readonly connectedApps: TestConnectedApps
  /** The RFC 7662 introspection endpoint: `<baseUrl>/v1/public/<projectId>/oauth2/introspect`. */
  readonly introspectionUrl: string
  /** Fault injection per endpoint group. */
  readonly faults: Faults

  /**
   * A token exactly as Stytch issues it (see {@link MintOptions} for every override).
   *
   * @param options - Overrides; everything else gets Stytch's value.
   * @returns A compact JWS.
   * @throws TypeError when `customClaims` names a registered claim.
   * @example
   * ```ts
   * const token = await issuer.mint({ clientId: 'm2m-client-test-1', scopes: ['read:users'] })
   * ```
   */
  mint(options?: MintOptions): Promise<string>
  /**
   * Signs any header and payload. Strings are used byte-for-byte (invalid JSON, duplicate members …); objects are
   * JSON-serialized.
   *
   * @param header - The protected header.
   * @param payload - The payload.
   * @param options - `key` (default `'current'`) and `alg` (default: the header's).
   * @returns A compact JWS.
   * @throws TypeError for an unsupported algorithm or a key that cannot sign it.
   * @example
   * ```ts
   * const token = await issuer.forge('{"alg":"RS256","kid":"a","kid":"b"}', { sub: 'x' })
   * ```
   */
  forge(header: string | object, payload: string | object, options?: ForgeOptions): Promise<string>
  /**
   * Adds a new key and signs with it from now on; older keys stay published.
   *
   * @returns The new kid.
   * @example
   * ```ts
   * const oldKid = issuer.currentKid
   * await issuer.rotateKeys()
   * issuer.retireKey(oldKid)
   * ```
   */
  rotateKeys(): Promise<string>
  /**
   * Stops publishing a key (tokens can still be minted with it via `mint({ kid })`).
   *
   * @param kid - A published kid other than {@link TestIssuer.currentKid}.
   * @example
   * ```ts
   * issuer.retireKey(oldKid)
   * ```
   * @throws {@link TestIssuerError} `ERR_KEY_IN_USE` for the current key, `ERR_KEY_NOT_FOUND` for an unpublished one.
   */
  retireKey(kid: string): void
  /**
   * The JWKS document the endpoints serve (without faults).
   *
   * @returns A fresh copy, with a new `request_id`.
   * @example
   * ```ts
   * const keys = createLocalJWKSet(issuer.jwks())
   * ```
   */
  jwks(): JwksDocument
  /** Sets every counter back to zero. */
  resetCounters(): void
  /**
   * The durable state (signing keys including private keys, published kids, clients with hashed secrets and
   * rotations in progress) as plain JSON, to restore later with `createTestIssuer({ snapshot })`.
   *
   * @returns A fresh, JSON-serializable copy. It holds private keys: store it like a secret.
   * @example
   * ```ts
   * await writeFile('issuer.json', JSON.stringify(await issuer.snapshot()), { mode: 0o600 })
   * ```
   */
  snapshot(): Promise<IssuerSnapshot>
  /**
   * The transport-free engine: answers any request for the fake's routes, whatever its host. Tokens issued through
   * the custom domain's origin carry it as `iss`; all others `stytch.com/<projectId>`.
   *
   * @param request - A WHATWG `Request`.
   * @returns The response; `Response.error()` for the `'network'` and `'timeout'` faults.
   * @example
   * ```ts
   * const fakeFetch = (input: RequestInfo | URL, init?: RequestInit) => issuer.handle(new Request(input, init))
   * ```
   */
  handle(request: Request): Promise<Response>
  /**
   * msw handlers for every route at Stytch's host for the project, the configured `baseUrl` and the custom domain.
   *
   * @returns Handlers to spread into `setupServer` or `server.use`.
   * @example
   * ```ts
   * const server = setupServer(...issuer.handlers())
   * // `bypassLoopback` (from this package), not `'error'`: msw also intercepts requests to your app on 127.0.0.1
   * server.listen({ onUnhandledRequest: bypassLoopback })
   * ```
   * @throws {@link TestIssuerError} `ERR_MSW_MISSING` when msw is not installed.
   */
  handlers(): HttpHandler[]
  /**
   * Serves the same routes over node:http (JWKS also at `/.well-known/jwks.json`).
   *
   * @param options - Port, host (loopback by default) and the `iss` of issued tokens.
   * @returns The running server; `close()` it when done.
   * @example
   * ```ts
   * const running = await issuer.listen()
   * const verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: running.url })
   * await running.close()
   * ```
   * @throws TypeError for a non-loopback `host` without `allowNonLoopback`, or an invalid `port`.
   */
  listen(options?: ListenOptions): Promise<RunningServer>
}
