import type { Verifier } from '@m2m-guard/core'
import type { GuardOptions } from '@m2m-guard/express'
import express4 from 'express4'
import express5 from 'express5'
import fastify4 from 'fastify4'
import type { FastifyInstance } from 'fastify5'
import fastify5 from 'fastify5'
import koa2 from 'koa2'
import koa3 from 'koa3'
import { expressHarness } from '../../adapters/harness/express.js'
import { fastifyHarness } from '../../adapters/harness/fastify.js'
import type { Harness, RunningServer } from '../../adapters/harness/harness.js'
import { koaHarness } from '../../adapters/harness/koa.js'
import type { RouteSpec } from '../../adapters/routes.js'
import type { CallOptions } from '../corpus/corpus-case.js'
import { PROJECT_ID } from './constants.js'

/** The six framework majors, built by the adapter suite's own harnesses. */
export const HARNESSES: readonly Harness[] = [
  expressHarness('Express 4', express4),
  expressHarness('Express 5', express5),
  koaHarness('Koa 2', koa2),
  koaHarness('Koa 3', koa3),
  fastifyHarness('Fastify 4', fastify4 as unknown as () => FastifyInstance),
  fastifyHarness('Fastify 5', fastify5 as unknown as () => FastifyInstance),
]

/** One guarded route: the verifier it uses and the route's requirements. */
export interface GuardedRoute {
  path: string
  verifier: Verifier
  call?: CallOptions
}

/**
 * Starts one framework's app with the given routes. The harness's route table passes `options` last, so a
 * `verifier` given there replaces the harness's own shared one; `GuardOptions` does not list `verifier` (it lives in
 * `VerifierSource`), hence the cast.
 */
export function startFramework(
  harness: Harness,
  routes: readonly GuardedRoute[],
  baseUrl: string,
): Promise<RunningServer> {
  const specs: RouteSpec[] = routes.map(({ path, verifier, call }) => ({
    path,
    verifier: 'shared',
    options: { verifier, ...call } as GuardOptions,
  }))
  return harness.start(specs, { projectId: PROJECT_ID, baseUrl, downProjectId: PROJECT_ID, downBaseUrl: baseUrl })
}
