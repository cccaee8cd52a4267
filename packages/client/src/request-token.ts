import { backoffDelay } from './backoff.js'
import { TokenRequestFailedError, TokenRequestRejectedError, TokenRequestTimeoutError } from './errors/error-classes.js'
import type { M2MClientError } from './errors/m2m-client-error.js'
import type { TokenSourceEvent } from './events.js'
import type { IssuedToken } from './parse-token-response.js'
import type { ResolvedRetry } from './resolve-options.js'
import { type AttemptContext, type AttemptOutcome, sendTokenRequest } from './send-token-request.js'
import { sleep } from './sleep.js'

/** What a token request needs besides one attempt's context. */
export interface RequestContext extends AttemptContext {
  retry: ResolvedRetry
  /** The secret to use now; changes with `updateSecret`. */
  currentSecret: () => string
  emit: (event: TokenSourceEvent) => void
}

/** A token with the time its request was sent, the conservative start of its lifetime. */
export interface TimedToken extends IssuedToken {
  /** Milliseconds, from the clock, when the successful attempt started. */
  sentAt: number
}

/** The error a retryable outcome turns into once retries are over. */
function finalError(
  outcome: Extract<AttemptOutcome, { kind: 'retry' }>,
  attempts: number,
  ctx: RequestContext,
  retryAfter?: number,
): M2MClientError {
  if (outcome.reason === 'timeout') return new TokenRequestTimeoutError(ctx.timeout, attempts)
  return new TokenRequestFailedError({
    attempts,
    responseStatus: outcome.status,
    request_id: outcome.fields.request_id,
    error: outcome.fields.error,
    retryAfter,
    cause: outcome.cause,
  })
}

/** An `invalid_client` rejection: the secret is wrong, revoked or was just rotated out. */
const isInvalidClient = (error: M2MClientError): boolean =>
  error instanceof TokenRequestRejectedError && error.error === 'invalid_client'

/**
 * Requests a token: retries network errors, timeouts, 408, 429 and 5xx with full-jitter backoff (never sooner than
 * `Retry-After`), and repeats once with the current secret when a request made with a secret replaced meanwhile
 * gets `invalid_client`, so a rotation never fails a call.
 *
 * @param ctx - Endpoint, credentials, policy and plumbing.
 * @param scopes - Scopes to request.
 * @param background - Whether no caller waits for it (for events).
 * @returns The token and when its request was sent.
 * @throws {TokenRequestRejectedError} `ERR_TOKEN_REQUEST_REJECTED` at once on a 4xx other than 408/429.
 * @throws {TokenRequestFailedError} `ERR_TOKEN_REQUEST_FAILED` when retries run out or `Retry-After` is too long.
 * @throws {TokenRequestTimeoutError} `ERR_TIMEOUT` when the last attempt timed out.
 * @throws {TokenResponseInvalidError} `ERR_TOKEN_RESPONSE_INVALID` on an unusable 2xx answer.
 * @throws {TokenResponseTooLargeError} `ERR_RESPONSE_TOO_LARGE` on an answer larger than `maxResponseBytes`.
 * @throws {TokenSourceClosedError} `ERR_SOURCE_CLOSED` when the source closes meanwhile.
 */
export async function requestToken(
  ctx: RequestContext,
  scopes: readonly string[],
  background: boolean,
): Promise<TimedToken> {
  let fellBackToCurrentSecret = false
  for (let attempt = 1; ; attempt++) {
    const secret = ctx.currentSecret()
    ctx.emit({ type: 'token-request', attempt, background, scopes })
    const sentAt = ctx.clock()
    const outcome = await sendTokenRequest(ctx, secret, scopes)
    if (outcome.kind === 'token') return { ...outcome.token, sentAt }
    if (outcome.kind === 'fatal') {
      if (fellBackToCurrentSecret || !isInvalidClient(outcome.error) || ctx.currentSecret() === secret) {
        throw outcome.error
      }
      // The secret was replaced while this attempt was out: repeat it with the new one, once, without delay.
      fellBackToCurrentSecret = true
      ctx.emit({ type: 'secret-fallback', scopes })
      attempt--
      continue
    }
    if (attempt >= ctx.retry.maxAttempts) throw finalError(outcome, attempt, ctx)
    if (outcome.retryAfter !== undefined && outcome.retryAfter > ctx.retry.maxDelay) {
      throw finalError(outcome, attempt, ctx, outcome.retryAfter)
    }
    const delay = backoffDelay(attempt, ctx.retry, outcome.retryAfter)
    ctx.emit({ type: 'token-retry', attempt, delay, reason: outcome.reason, status: outcome.status })
    await sleep(delay, ctx.closeSignal)
  }
}
