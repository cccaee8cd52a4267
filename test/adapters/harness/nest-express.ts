import type { Response } from 'express'
import { NestFactory } from 'nest11-core'
import { ExpressAdapter } from 'nest11-platform-express'
import type { Harness } from './harness.js'
import { nestHarness } from './nest.js'

/** Nest 11 on `@nestjs/platform-express` (Express 5). */
export function nestExpressHarness(name: string): Harness {
  return nestHarness(name, {
    create: (root) => NestFactory.create(root, new ExpressAdapter(), { logger: false }),
    send: (response, status, headers, body) => {
      ;(response as Response).status(status).set(headers).json(body)
    },
  })
}
