import { M2MAuthError } from '@m2m-guard/core'
import type { Context } from 'koa'

/**
 * Answers a failed request: renders an {@link M2MAuthError} itself, or throws it for Koa's error handling (Koa's
 * default handler reads its `status`, `expose` and `headers`). Anything that is not an `M2MAuthError` is a bug,
 * never a token problem, and is always thrown.
 *
 * @param ctx - The Koa context.
 * @param error - What authentication or the scope check threw.
 * @param delegate - `true` to throw auth errors too.
 * @throws the error, when delegating or when it is not an `M2MAuthError`.
 */
export function fail(ctx: Context, error: unknown, delegate: boolean): void {
  if (delegate || !(error instanceof M2MAuthError)) throw error
  const { status, headers, body } = error.toResponse()
  ctx.status = status
  ctx.set(headers)
  ctx.body = body
}
