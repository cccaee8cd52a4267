import type { Guard } from '@m2m-guard/core/adapter'
import type { FastifyReply } from 'fastify'

/**
 * Answers a refused request; in delegate mode, or for anything that is not a coded error (a bug), throws it to
 * Fastify's error handler (a delegated coded error already carries the guard's realm in `headers`).
 */
export function fail(guard: Guard, reply: FastifyReply, error: unknown): FastifyReply {
  const response = guard.delegate ? undefined : guard.render(error)
  if (response === undefined) throw error
  return reply.code(response.status).headers(response.headers).send(response.body)
}
