import type { TokenSourceEvent } from './events.js'
import { assertTargetAllowed } from './url-rules.js'
import { hasInvalidTokenChallenge } from './www-authenticate.js'

/** What `tokens.fetch` needs from its token source. */
export interface AuthorizedFetchContext {
  getToken: (signal: AbortSignal | undefined) => Promise<string>
  /** Drops the cached token equal to the given one. */
  invalidate: (token: string) => void
  fetch: () => typeof fetch
  allowedOrigins: ReadonlySet<string> | undefined
  allowInsecureHttp: boolean
  emit: (event: TokenSourceEvent) => void
}

/** The signature of `tokens.fetch`: the global `fetch`'s. */
export type AuthorizedFetch = (input: Request | string | URL, init?: RequestInit) => Promise<Response>

const isRequest = (input: unknown): input is Request => typeof Request === 'function' && input instanceof Request

/** A body that can be read only once: a stream, or any async iterable some runtimes accept. */
const isOneShotBody = (body: unknown): boolean =>
  (typeof ReadableStream === 'function' && body instanceof ReadableStream) ||
  (typeof body === 'object' && body !== null && Symbol.asyncIterator in body)

/** The absolute target URL, resolved like `fetch` does (against the page in browsers). */
function targetUrl(input: Request | string | URL): URL {
  if (isRequest(input)) return new URL(input.url)
  const base = (globalThis as { location?: { href?: string } }).location?.href
  return new URL(String(input), base)
}

/**
 * A copy of the headers. A `Headers` object is copied entry by entry: `new Headers(headers)` loses entries where a
 * patched global `Headers` is installed (msw's interceptors record raw headers and copy from that record).
 */
function copyHeaders(source: HeadersInit | undefined): Headers {
  if (!(source instanceof Headers)) return new Headers(source)
  const copy = new Headers()
  source.forEach((value, name) => {
    copy.append(name, value)
  })
  return copy
}

/** `init` with `Authorization: Bearer` set on the headers the request would otherwise send. */
function withAuthorization(input: Request | string | URL, init: RequestInit | undefined, token: string): RequestInit {
  const headers = copyHeaders(init?.headers ?? (isRequest(input) ? input.headers : undefined))
  headers.set('authorization', `Bearer ${token}`)
  return { ...init, headers }
}

/**
 * How the request can be sent a second time: the same arguments for replayable bodies, a clone made up front
 * for a `Request` carrying a body, or not at all for a one-shot stream passed as `init.body`.
 */
function replayPlan(
  input: Request | string | URL,
  init: RequestInit | undefined,
): { input: Request | string | URL } | undefined {
  if (init?.body != null) return isOneShotBody(init.body) ? undefined : { input }
  if (isRequest(input) && input.body !== null) return { input: input.clone() }
  return { input }
}

/**
 * Creates `tokens.fetch`: the global `fetch` with `Authorization: Bearer <token>` attached.
 *
 * Before anything is sent, the target must be `https:` (or loopback) and inside `allowedOrigins` when given.
 * On a 401 whose `WWW-Authenticate` says `error="invalid_token"` (RFC 6750 §3.1), the cached token is dropped and
 * the request is sent once more with a fresh token. No retry on 403 or on other 401s.
 *
 * @param ctx - The token source's plumbing.
 * @returns A function with the signature of `fetch`.
 */
export function createAuthorizedFetch(ctx: AuthorizedFetchContext): AuthorizedFetch {
  return async (input, init) => {
    const url = targetUrl(input)
    assertTargetAllowed(url, ctx.allowedOrigins, ctx.allowInsecureHttp)
    const signal = init?.signal ?? (isRequest(input) ? input.signal : undefined)
    const replay = replayPlan(input, init)
    const token = await ctx.getToken(signal ?? undefined)
    const response = await ctx.fetch()(input, withAuthorization(input, init, token))
    const retry =
      replay !== undefined &&
      response.status === 401 &&
      hasInvalidTokenChallenge(response.headers.get('www-authenticate'))
    if (!retry) {
      if (replay !== undefined && replay.input !== input && isRequest(replay.input)) {
        replay.input.body?.cancel().catch(() => undefined)
      }
      return response
    }
    void response.body?.cancel().catch(() => undefined)
    ctx.invalidate(token)
    ctx.emit({ type: 'resource-retry', origin: url.origin })
    const fresh = await ctx.getToken(signal ?? undefined)
    return ctx.fetch()(replay.input, withAuthorization(replay.input, init, fresh))
  }
}
