import { parseRetryAfter } from './backoff.js'
import {
  type TokenErrorFields,
  TokenRequestRejectedError,
  TokenResponseInvalidError,
  TokenResponseTooLargeError,
  TokenSourceClosedError,
} from './errors/error-classes.js'
import type { M2MClientError } from './errors/m2m-client-error.js'
import { errorFields, type IssuedToken, jsonObject, parseTokenResponse } from './parse-token-response.js'
import { readBoundedText, TOO_LARGE } from './read-bounded-text.js'
import { basicCredentials, type Redactor } from './redact.js'
import { boundedLifetime } from './token-lifetime.js'

/** What one attempt needs. */
export interface AttemptContext {
  tokenUrl: string
  clientId: string
  authMethod: 'client_secret_post' | 'client_secret_basic'
  /** Seconds. */
  timeout: number
  /** Largest answer read, in bytes. */
  maxResponseBytes: number
  fetch: () => typeof fetch
  clock: () => number
  redactor: Redactor
  /** Aborted when the token source closes. */
  closeSignal: AbortSignal
}

/** How one attempt ended. */
export type AttemptOutcome =
  | { kind: 'token'; token: IssuedToken }
  | {
      kind: 'retry'
      reason: 'network' | 'timeout' | 'status'
      status: number | undefined
      retryAfter: number | undefined
      fields: TokenErrorFields
      cause: unknown
    }
  | { kind: 'fatal'; error: M2MClientError }

/** A server may echo the credentials in any field of its error answer. */
function redactFields(redactor: Redactor, fields: TokenErrorFields): TokenErrorFields {
  const clean = (value: string | undefined): string | undefined =>
    value === undefined ? undefined : redactor.text(value)
  return {
    error: clean(fields.error),
    error_description: clean(fields.error_description),
    error_uri: clean(fields.error_uri),
    request_id: clean(fields.request_id),
  }
}

/** Statuses worth another attempt: timeout, rate limit and server errors. */
const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500

/** Builds the form-encoded client-credentials request (RFC 6749 §4.4.2). */
function buildRequest(ctx: AttemptContext, secret: string, scopes: readonly string[]): RequestInit {
  const body = new URLSearchParams({ grant_type: 'client_credentials' })
  const headers = new Headers({
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded;charset=UTF-8',
  })
  if (ctx.authMethod === 'client_secret_basic') {
    // RFC 6749 §2.3.1: id and secret are form-encoded before base64; the redactor knows this form too.
    headers.set('authorization', `Basic ${basicCredentials(ctx.clientId, secret)}`)
  } else {
    body.set('client_id', ctx.clientId)
    body.set('client_secret', secret)
  }
  if (scopes.length > 0) body.set('scope', scopes.join(' '))
  // No redirects: a 307/308 would replay the secret to wherever the Location points.
  return { method: 'POST', headers, body, redirect: 'manual' }
}

/** Turns a complete answer into an outcome. */
function classify(ctx: AttemptContext, response: Response, text: string): AttemptOutcome {
  const body = jsonObject(text)
  const { status } = response
  const fields = redactFields(ctx.redactor, errorFields(body))
  if (status >= 200 && status < 300) {
    const token = parseTokenResponse(body)
    // Never past the JWT's own `exp` nor a day, whatever `expires_in` says; an already expired JWT is unusable.
    const expiresIn = token === undefined ? 0 : boundedLifetime(token.accessToken, token.expiresIn, ctx.clock())
    return token === undefined || expiresIn <= 0
      ? { kind: 'fatal', error: new TokenResponseInvalidError(status, fields.request_id) }
      : { kind: 'token', token: { ...token, expiresIn } }
  }
  if (isRetryableStatus(status)) {
    const retryAfter = parseRetryAfter(response.headers.get('retry-after'), ctx.clock())
    return { kind: 'retry', reason: 'status', status, retryAfter, fields, cause: undefined }
  }
  if (status >= 400) return { kind: 'fatal', error: new TokenRequestRejectedError(status, fields) }
  // 3xx (redirects are not followed) or an opaque redirect (status 0).
  return { kind: 'fatal', error: new TokenResponseInvalidError(status, fields.request_id) }
}

/**
 * Makes one token request attempt with its own timeout, covering the response body, which is read up to
 * `maxResponseBytes`.
 *
 * @param ctx - Endpoint, credentials and plumbing.
 * @param secret - The client secret for this attempt.
 * @param scopes - Scopes to request; none means all of the client's scopes.
 * @returns How the attempt ended; it never throws.
 */
export async function sendTokenRequest(
  ctx: AttemptContext,
  secret: string,
  scopes: readonly string[],
): Promise<AttemptOutcome> {
  if (ctx.closeSignal.aborted) return { kind: 'fatal', error: new TokenSourceClosedError() }
  const controller = new AbortController()
  let timedOut = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let onClose = (): void => undefined
  // Raced against both steps, so the limit holds even with a fetch that ignores its signal or a stalled body.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      timedOut = true
      controller.abort()
      reject(new Error('timeout'))
    }, ctx.timeout * 1000)
    onClose = () => {
      controller.abort()
      reject(new TokenSourceClosedError())
    }
    ctx.closeSignal.addEventListener('abort', onClose, { once: true })
  })
  deadline.catch(() => undefined)
  try {
    const init = { ...buildRequest(ctx, secret, scopes), signal: controller.signal }
    const response = await Promise.race([ctx.fetch()(ctx.tokenUrl, init), deadline])
    const text = await readBoundedText(response, ctx.maxResponseBytes, deadline)
    if (text === TOO_LARGE) {
      // Drops the connection rather than draining the rest of the body.
      controller.abort()
      return { kind: 'fatal', error: new TokenResponseTooLargeError(response.status, ctx.maxResponseBytes) }
    }
    return classify(ctx, response, text)
  } catch (error) {
    if (ctx.closeSignal.aborted) return { kind: 'fatal', error: new TokenSourceClosedError() }
    const reason = timedOut ? 'timeout' : 'network'
    const cause = timedOut ? undefined : ctx.redactor.error(error)
    return { kind: 'retry', reason, status: undefined, retryAfter: undefined, fields: {}, cause }
  } finally {
    clearTimeout(timer)
    ctx.closeSignal.removeEventListener('abort', onClose)
  }
}
