import type { FastifyReply } from 'fastify5'
import { NestFactory } from 'nest11-core'
import { FastifyAdapter } from 'nest11-platform-fastify'
import type { Harness } from './harness.js'
import { nestHarness } from './nest.js'

/** Nest 11 on `@nestjs/platform-fastify` (Fastify 5). */
export function nestFastifyHarness(name: string): Harness {
  return nestHarness(name, {
    create: (root) => NestFactory.create(root, new FastifyAdapter(), { logger: false }),
    send: (response, status, headers, body) => {
      ;(response as FastifyReply).code(status).headers(headers).send(body)
    },
  })
}
