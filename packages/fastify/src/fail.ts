import { M2MAuthError } from '@m2m-guard/core'
import type { FastifyReply } from 'fastify'

/**
 * Answers a failed request from a hook: renders an {@link M2MAuthError} itself, or throws it for Fastify's error
 * handler (which reads its `statusCode` and `headers`). Anything that is not an `M2MAuthError` is a bug, never a
 * token problem, and is always thrown.
 *
 * @param reply - The reply.
 * @param error - What authentication or the scope check threw.
 * @param delegate - `true` to throw auth errors too.
 * @returns The sent reply, which an async hook must return.
 * @throws the error, when delegating or when it is not an `M2MAuthError`.
 */
export function fail(reply: FastifyReply, error: unknown, delegate: boolean): FastifyReply {
  if (delegate || !(error instanceof M2MAuthError)) throw error
  const { status, headers, body } = error.toResponse()
  return reply.code(status).headers(headers).send(body)
}
