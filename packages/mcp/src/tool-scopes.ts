import { hasRequiredScopes, InsufficientScopeError, MissingTokenError } from '@m2m-guard/core'
import { isResourceMetadata, type M2MErrorResponse, type ResourceMetadata, renderError } from '@m2m-guard/core/adapter'
import { checkNames, invalidOption, isOptionsObject, type OptionNames } from '@m2m-guard/core/options'
import { calledTools } from './tool-calls.js'

/** Options of {@link createToolScopes}. */
export interface ToolScopesOptions {
  /** Scopes each tool needs (all of them), by tool name. A tool not listed needs only a valid token. */
  tools: Readonly<Record<string, readonly string[]>>
  /** The server's metadata: the 403 then names it in `resource_metadata`, as the 401s of the adapter do. */
  resourceMetadata?: ResourceMetadata | undefined
  /** RFC 6750 realm of the challenges. Default `api`. */
  realm?: string | undefined
}

/** A request as Express (or any Node framework with a parsed body) gives it. */
export interface ToolScopesRequest {
  readonly method?: string | undefined
  readonly body?: unknown
  /** Set by the SDK's `requireBearerAuth`, or by you with `toAuthInfo(req.m2m)`. */
  readonly auth?: { readonly scopes: readonly string[] } | undefined
  /** Set by `@m2m-guard/express`'s `m2mAuth`. */
  readonly m2m?: { readonly scopes: readonly string[] } | undefined
}

/** The response methods the middleware uses (Express's). */
export interface ToolScopesResponse {
  status(code: number): this
  set(headers: Record<string, string>): this
  json(body: unknown): unknown
}

/** Per-tool scopes, checked before the MCP transport runs. */
export interface ToolScopes {
  /** The scopes `name` needs; empty when it is not listed. */
  scopesOf(name: string): readonly string[]
  /**
   * The refusal for a JSON-RPC body calling a tool whose scopes `granted` lacks: 403 `insufficient_scope` with
   * that tool's scopes in `scope` (several tools in a batch: all their missing scopes); `undefined` to go on.
   * `granted` `undefined` (no caller) gives a 401.
   */
  check(body: unknown, granted: readonly string[] | undefined): M2MErrorResponse | undefined
  /**
   * Express middleware: mount it after authentication and `express.json()`, before the MCP transport. A POST
   * whose body was not parsed is handed to `next(error)` (fail closed: the tool could not be checked).
   */
  readonly middleware: (req: ToolScopesRequest, res: ToolScopesResponse, next: (error?: unknown) => void) => void
}

const OPTION_NAMES: OptionNames<ToolScopesOptions> = { tools: true, resourceMetadata: true, realm: true }
const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]+$/

/**
 * Gives each MCP tool its own scopes, answered at the HTTP level: a `tools/call` for a tool whose scopes the token
 * lacks gets `403` with `WWW-Authenticate: Bearer error="insufficient_scope", scope="<that tool's scopes>"`, so an
 * MCP client can get a token with them and call again (step-up, MCP authorization specification). Inside the SDK
 * it would be too late: errors thrown by a tool handler become a tool result, never an HTTP status.
 *
 * @param options - See {@link ToolScopesOptions}.
 * @returns The {@link ToolScopes}: `check()` for any framework, `middleware` for Express.
 * @throws {TypeError} `m2m-guard: option "tools.<name>" must be …` for an invalid entry, at creation.
 * @example
 * const toolScopes = createToolScopes({
 *   tools: { list_users: ['read:users'], create_user: ['write:users'] },
 *   resourceMetadata,
 * })
 * app.post('/mcp', auth, express.json(), toolScopes.middleware, mcpHandler)
 */
export function createToolScopes(options: ToolScopesOptions): ToolScopes {
  if (!isOptionsObject(options)) throw new TypeError('m2m-guard: the options of createToolScopes() must be an object')
  checkNames(options, OPTION_NAMES, 'createToolScopes', '')
  if (!isOptionsObject(options.tools)) invalidOption('tools', 'an object of scope lists by tool name')
  const tools = new Map<string, readonly string[]>()
  for (const [name, scopes] of Object.entries(options.tools)) {
    if (!Array.isArray(scopes) || !scopes.every((scope) => typeof scope === 'string' && SCOPE_TOKEN.test(scope))) {
      invalidOption(`tools.${name}`, 'an array of scopes such as "read:users"')
    }
    tools.set(name, Object.freeze([...scopes]))
  }
  const { resourceMetadata, realm } = options
  if (resourceMetadata !== undefined && !isResourceMetadata(resourceMetadata)) {
    invalidOption('resourceMetadata', 'the value of createResourceMetadata()')
  }
  const render = { realm, resourceMetadataUrl: resourceMetadata?.url }
  const scopesOf = (name: string): readonly string[] => tools.get(name) ?? []

  const check = (body: unknown, granted: readonly string[] | undefined): M2MErrorResponse | undefined => {
    const needed = new Set<string>()
    for (const name of calledTools(body)) {
      const scopes = scopesOf(name)
      if (granted === undefined || !hasRequiredScopes(granted, scopes)) for (const scope of scopes) needed.add(scope)
    }
    if (needed.size === 0) return undefined
    if (granted === undefined) return renderError(new MissingTokenError(), { ...render, scopes: [...needed] })
    return renderError(new InsufficientScopeError([...needed]), render)
  }

  const middleware: ToolScopes['middleware'] = (req, res, next) => {
    if (req.method === 'POST' && req.body === undefined) {
      next(new TypeError('m2m-guard: createToolScopes().middleware needs a parsed body: mount express.json() first'))
      return
    }
    const refused = check(req.body, req.auth?.scopes ?? req.m2m?.scopes)
    if (refused === undefined) next()
    else res.status(refused.status).set(refused.headers).json(refused.body)
  }
  return Object.freeze({ scopesOf, check, middleware })
}
