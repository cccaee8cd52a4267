import { assertSecureUrl } from '@m2m-guard/core/options'
import { type Discovery, type DiscoveryStep, discover, type FetchLike } from './discover.js'
import { parseBearerChallenge } from './parse-challenge.js'

/** The part of `@m2m-guard/client`'s `TokenSource` the agent uses. */
export interface AgentTokenSource {
  getToken(options?: { scopes?: readonly string[] | undefined }): Promise<string>
  invalidate(): void
}

/** What the agent reports as it goes, for logs and tests. */
export type AgentEvent =
  | {
      readonly type: 'challenge'
      readonly status: number
      readonly error: string | undefined
      readonly scope: readonly string[] | undefined
      readonly resourceMetadata: string | undefined
    }
  | DiscoveryStep
  | { readonly type: 'token'; readonly scopes: readonly string[] }
  | { readonly type: 'token-refused'; readonly scopes: readonly string[]; readonly error: unknown }

/** Options of {@link createAgentFetch}. */
export interface AgentFetchOptions {
  /**
   * Origins of the MCP servers the token may be sent to (`https://mcp.example.com`). A Stytch M2M token is valid
   * at every resource of the project, so it must not go to a server that merely asks for it.
   */
  allowedOrigins: readonly string[]
  /** Scopes to start with. Default: none until a server's challenge (or metadata) names them. */
  scopes?: readonly string[] | undefined
  /**
   * Issuers of the authorization servers this agent's credentials belong to (the Stytch project domain). When
   * given, a resource whose metadata names none of them is refused (`ERR_AUTHORIZATION_SERVER`).
   */
  authorizationServers?: readonly string[] | undefined
  /** The `fetch` underneath. Default: the global `fetch`. */
  fetch?: FetchLike | undefined
  /** Called for each step: challenge, metadata documents, token requests. */
  onEvent?: ((event: AgentEvent) => void) | undefined
}

/** A `fetch` for the MCP SDK's `StreamableHTTPClientTransport`, and what it found out. */
export interface AgentFetch {
  /** Pass as `new StreamableHTTPClientTransport(url, { fetch: agent.fetch })`. */
  readonly fetch: FetchLike
  /** The scopes currently asked for; `undefined` before the first challenge. */
  readonly scopes: readonly string[] | undefined
  /** The result of discovery, once a 401 named the resource metadata. */
  readonly discovery: Discovery | undefined
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])]

/**
 * Makes a machine-to-machine agent (no user) speak MCP authorization with `@m2m-guard/client`: a `fetch` for the
 * MCP SDK's client transport that attaches the token source's token, and on a challenge does what the MCP
 * authorization specification asks of a client:
 *
 * - `401` with `resource_metadata`: discovery (RFC 9728 resource metadata, checked to describe the server called;
 *   RFC 8414 metadata of its authorization server), then a token for the challenge's `scope` (else the
 *   resource's `scopes_supported`), and the request once more.
 * - `403 insufficient_scope` with `scope`: a token with those scopes added (step-up), and the request once more.
 *
 * The credentials stay in the token source (its own token endpoint; cached, shared, refreshed); tokens go only to
 * `allowedOrigins`. The SDK's `OAuthClientProvider` is not used: with it the SDK requests tokens itself, bypassing
 * the token source's cache (every minted Stytch token is billed) and secret handling.
 *
 * @param tokenSource - From `createTokenSource()` of `@m2m-guard/client`.
 * @param options - See {@link AgentFetchOptions}.
 * @returns The {@link AgentFetch}.
 * @throws {TypeError} `m2m-guard: option "allowedOrigins" must be …` at creation.
 * @example
 * const tokens = createTokenSource({ projectId, clientId, clientSecret })
 * const agent = createAgentFetch(tokens, { allowedOrigins: ['https://mcp.example.com'] })
 * await client.connect(new StreamableHTTPClientTransport(new URL('https://mcp.example.com/mcp'), { fetch: agent.fetch }))
 */
export function createAgentFetch(tokenSource: AgentTokenSource, options: AgentFetchOptions): AgentFetch {
  if (typeof tokenSource?.getToken !== 'function') {
    throw new TypeError('m2m-guard: tokenSource must be a TokenSource from createTokenSource()')
  }
  if (!Array.isArray(options?.allowedOrigins) || options.allowedOrigins.length === 0) {
    throw new TypeError('m2m-guard: option "allowedOrigins" must be a non-empty array of origins')
  }
  const allowed = new Set(
    options.allowedOrigins.map((origin, index) => assertSecureUrl(origin, `allowedOrigins[${index}]`).origin),
  )
  const inner: FetchLike = options.fetch ?? ((input, init) => fetch(input, init))
  const emit = options.onEvent ?? (() => {})
  let scopes = options.scopes === undefined ? undefined : [...options.scopes]
  let discovery: Discovery | undefined

  // Reported only after a challenge: the token source serves the other calls from its cache.
  const tokenFor = async (wanted: readonly string[], report: boolean): Promise<string | undefined> => {
    try {
      const token = await tokenSource.getToken({ scopes: wanted })
      if (report) emit({ type: 'token', scopes: wanted })
      return token
    } catch (error) {
      emit({ type: 'token-refused', scopes: wanted, error })
      return undefined
    }
  }
  const send = (base: Request, token: string | undefined): Promise<Response> => {
    const request = base.clone()
    if (token !== undefined) request.headers.set('authorization', `Bearer ${token}`)
    return inner(request)
  }

  const agentFetch: FetchLike = async (input, init) => {
    const base = new Request(input, init)
    const url = new URL(base.url)
    if (!allowed.has(url.origin)) return inner(base)
    const first = scopes === undefined ? undefined : await tokenFor(scopes, false)
    const response = await send(base, first)
    const insufficient = response.status === 403
    if (response.status !== 401 && !insufficient) return response
    const challenge = parseBearerChallenge(response.headers.get('www-authenticate'))
    if (challenge === undefined) return response
    emit({ type: 'challenge', status: response.status, ...challenge })
    let wanted: readonly string[] | undefined
    if (insufficient) {
      if (challenge.error !== 'insufficient_scope' || challenge.scope === undefined) return response
      wanted = union(scopes ?? [], challenge.scope)
      if (wanted.length === (scopes ?? []).length) return response
    } else {
      if (first !== undefined) tokenSource.invalidate()
      if (challenge.resourceMetadata !== undefined && discovery === undefined) {
        discovery = await discover(inner, url, challenge.resourceMetadata, options.authorizationServers, emit)
      }
      wanted = union(scopes ?? [], challenge.scope ?? (scopes === undefined ? (discovery?.scopesSupported ?? []) : []))
    }
    const token = await tokenFor(wanted, true)
    if (token === undefined) return response
    await response.body?.cancel()
    scopes = [...wanted]
    return send(base, token)
  }

  return {
    fetch: agentFetch,
    get scopes() {
      return scopes
    },
    get discovery() {
      return discovery
    },
  }
}
