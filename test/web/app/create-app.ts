import { type M2MAuth, type M2MEnv, m2mAuth, requireAnyScope, requireScopes } from '@m2m-guard/hono'
import { createM2M, createStytchVerifier, errorResponse, isPreflight, withM2M } from '@m2m-guard/web'
import { Hono, type MiddlewareHandler } from 'hono'
import {
  handlerBody,
  optionsFactory,
  preflightBody,
  ROUTES,
  type RouteSpec,
  renderFrameworkError,
  type StytchEnv,
} from '../../adapters/routes.js'

// Runtime-agnostic on purpose: bundled as is for Bun, Deno and workerd, imported as is on Node. Only Fetch API.

/** Set on every answer a route handler produced, so the suite can tell it from the guard's answers. */
export const HANDLED = 'x-handled'

const JSON_TYPE = 'application/json; charset=utf-8'

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'content-type': JSON_TYPE } })
}

type Caller = Parameters<typeof handlerBody>[1]

function answer(path: string, request: Request, auth: Caller): Response {
  const body = request.method === 'OPTIONS' ? preflightBody(path, auth) : handlerBody(path, auth)
  return json(body, 200, { [HANDLED]: '1' })
}

/** What the "framework" (the runtime, behind this catch-all) answers for an error that reached it. */
function frameworkAnswer(error: unknown): Response {
  const { status, headers, body } = renderFrameworkError(error)
  return json(body, status, headers)
}

function honoApp(env: StytchEnv): Hono<M2MEnv<M2MAuth | undefined>> {
  const app = new Hono<M2MEnv<M2MAuth | undefined>>()
  const custom = new Set<string>()
  const optionsFor = optionsFactory(env)
  for (const route of ROUTES) {
    const options = optionsFor(route)
    const auth = m2mAuth(options)
    const chain: MiddlewareHandler<M2MEnv<M2MAuth | undefined>>[] = [auth]
    if (route.errorHandler === 'custom') custom.add(route.path)
    if (route.require) {
      const { rule, scopes } = route.require
      const bound = options.realm !== undefined || options.errorHandling === 'delegate'
      if (bound) chain.push(rule === 'all' ? auth.requireScopes(...scopes) : auth.requireAnyScope(...scopes))
      else chain.push(rule === 'all' ? requireScopes(...scopes) : requireAnyScope(...scopes))
    }
    app.use(route.path, ...chain)
    app.on(['GET', 'OPTIONS'], route.path, (c) => answer(route.path, c.req.raw, c.var.m2m))
  }
  app.onError((error, c) => {
    if (custom.has(c.req.path)) {
      // What `errorHandling: 'delegate'` promises: the coded error is the HTTPException's cause.
      const cause = (error as { cause?: unknown }).cause
      return frameworkAnswer(cause !== undefined && (error as { res?: unknown }).res !== undefined ? cause : error)
    }
    if (typeof (error as { getResponse?: unknown }).getResponse === 'function') {
      return (error as unknown as { getResponse(): Response }).getResponse()
    }
    return new Response('Internal Server Error', { status: 500 })
  })
  return app
}

/** The `withM2M` side: respond mode through `createM2M`/`withM2M`; "delegate" through `authenticateRequest`. */
function webHandler(route: RouteSpec, optionsFor: ReturnType<typeof optionsFactory>) {
  const { errorHandling, ...options } = optionsFor(route)
  const { rule, scopes } = route.require ?? { rule: 'all', scopes: undefined }
  const scoped = scopes === undefined ? {} : rule === 'all' ? { requiredScopes: scopes } : { anyScopes: scopes }
  if (errorHandling === 'delegate') {
    // What a Fetch handler does to handle failures itself: answer preflights, authenticate, catch.
    const m2m = createM2M({ ...options, ...scoped })
    return async (request: Request): Promise<Response> => {
      if (isPreflight(request)) return answer(route.path, request, null)
      try {
        return answer(route.path, request, await m2m.authenticateRequest(request))
      } catch (error) {
        if (route.errorHandler === 'custom') return frameworkAnswer(error)
        return errorResponse(error) ?? Promise.reject(error)
      }
    }
  }
  const preflight = (request: Request) => answer(route.path, request, null)
  return createM2M(options).withM2M((request, auth) => answer(route.path, request, auth), { ...scoped, preflight })
}

/** The token of `x-token`, sent as base64 of its UTF-8 bytes so that any character reaches the verifier. */
function tokenOf(request: Request): string {
  const binary = atob(request.headers.get('x-token') ?? '')
  return new TextDecoder().decode(Uint8Array.from(binary, (character) => character.charCodeAt(0)))
}

/**
 * `GET /core/verify`: core's `verify()` called with the token of `x-token`, past any HTTP parsing, so that tokens
 * no header could carry reach the runtime's own decoders. Answers `{ clientId }` or `{ code }`.
 */
function coreVerify(env: StytchEnv): (request: Request) => Promise<Response> {
  const verifier = createStytchVerifier({ projectId: env.projectId, baseUrl: env.baseUrl })
  return async (request) => {
    try {
      return json({ clientId: (await verifier.verify(tokenOf(request))).clientId })
    } catch (error) {
      return json({ code: (error as { code?: unknown }).code ?? String(error) })
    }
  }
}

/**
 * One Fetch handler serving every route of the shared table twice: `/hono/<path>` through `@m2m-guard/hono`,
 * `/web/<path>` through `@m2m-guard/web`, plus `/web-standalone/protected` through the standalone `withM2M` and
 * `/core/verify`.
 * Errors that escape (bugs) are answered by a catch-all standing in for the runtime's own 500.
 */
export function createApp(env: StytchEnv): (request: Request) => Promise<Response> {
  const hono = honoApp(env)
  const optionsFor = optionsFactory(env)
  const web = new Map(ROUTES.map((route) => [route.path, webHandler(route, optionsFor)]))
  const standalone = withM2M((request, auth) => answer('/protected', request, auth), {
    projectId: env.projectId,
    baseUrl: env.baseUrl,
  })
  const core = coreVerify(env)
  return async (request) => {
    const url = new URL(request.url)
    const [, adapter = '', ...rest] = url.pathname.split('/')
    const path = `/${rest.join('/')}`
    try {
      if (adapter === 'hono') return await hono.fetch(new Request(new URL(path, url), request))
      if (adapter === 'web-standalone') return await standalone(request)
      if (adapter === 'core' && path === '/verify') return await core(request)
      const handler = adapter === 'web' ? web.get(path) : undefined
      return handler === undefined ? new Response('Not Found', { status: 404 }) : await handler(request)
    } catch (error) {
      return frameworkAnswer(error)
    }
  }
}
