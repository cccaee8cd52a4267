import m2mGuard from '@m2m-guard/fastify'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify5'
import { handlerBody, optionsFactory, preflightBody, renderFrameworkError } from '../routes.js'
import { type Harness, REQUEST_ID, recordHandled } from './harness.js'

/**
 * Fastify 4 and 5 share this harness. Each route lives in its own encapsulated context with its own plugin
 * registration (the Fastify counterpart of a per-route `m2mAuth(options)`).
 */
export function fastifyHarness(name: string, fastify: () => FastifyInstance): Harness {
  return {
    name,
    async start(routes, env) {
      const app = fastify()
      const handled = new Set<string>()
      const optionsFor = optionsFactory(env)
      for (const route of routes) {
        app.register(async (scope) => {
          if (route.errorHandler === 'custom') {
            scope.setErrorHandler((error: FastifyError, _request, reply) => {
              const { status, headers, body } = renderFrameworkError(error)
              return reply.code(status).headers(headers).send(body)
            })
          }
          await scope.register(m2mGuard, optionsFor(route))
          const preHandler = route.require
            ? route.require.rule === 'all'
              ? scope.requireScopes(...route.require.scopes)
              : scope.requireAnyScope(...route.require.scopes)
            : []
          scope.get(route.path, { preHandler }, async (request: FastifyRequest, reply: FastifyReply) => {
            recordHandled(handled, request.headers[REQUEST_ID])
            return reply.send(handlerBody(route.path, request.m2m))
          })
          scope.options(route.path, { preHandler }, async (request: FastifyRequest, reply: FastifyReply) => {
            recordHandled(handled, request.headers[REQUEST_ID])
            return reply.send(preflightBody(route.path, request.m2m))
          })
        })
      }
      await app.listen({ port: 0, host: '127.0.0.1' })
      const address = app.server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      return { port, handled, close: () => app.close() }
    },
  }
}
