import { createServer } from 'node:http'
import { createStytchVerifier, type StytchVerifierOptions } from '@m2m-guard/core'
import { createApp as createExpressApp } from '@m2m-guard/example-express/app'
import { createApp as createFastifyApp } from '@m2m-guard/example-fastify/app'
import { createApp as createKoaApp } from '@m2m-guard/example-koa/app'
import { closeServer, listen } from '@m2m-guard/example-support'

/** One example API, listening on loopback. */
export interface RunningApp {
  framework: 'Express' | 'Koa' | 'Fastify'
  /** Where its routes are defined. */
  source: string
  url: string
  close(): Promise<void>
}

const LOOPBACK = { host: '127.0.0.1', port: 0 }

/**
 * Starts the three example APIs exactly as their `app.ts` builds them, each with its own verifier (as three
 * separate services would have), on free loopback ports.
 *
 * @param verifierOptions - Where the project's keys are.
 * @param perApp - Options added to each app's verifier, created once per app (its own revocation source, say).
 * @returns The running apps; close each one.
 */
export async function startApps(
  verifierOptions: StytchVerifierOptions,
  perApp: () => Partial<StytchVerifierOptions> = () => ({}),
): Promise<RunningApp[]> {
  const verifier = (): ReturnType<typeof createStytchVerifier> =>
    createStytchVerifier({ ...verifierOptions, ...perApp() })
  const apps: RunningApp[] = []
  try {
    const express = createServer(createExpressApp({ verifier: verifier() }))
    apps.push({
      framework: 'Express',
      source: 'examples/express/src/app.ts',
      url: await listen(express, LOOPBACK),
      close: () => closeServer(express),
    })
    const koa = createServer(createKoaApp({ verifier: verifier() }).callback())
    apps.push({
      framework: 'Koa',
      source: 'examples/koa/src/app.ts',
      url: await listen(koa, LOOPBACK),
      close: () => closeServer(koa),
    })
    const fastify = await createFastifyApp({ verifier: verifier() })
    apps.push({
      framework: 'Fastify',
      source: 'examples/fastify/src/app.ts',
      url: await fastify.listen(LOOPBACK),
      close: () => fastify.close(),
    })
    return apps
  } catch (error) {
    await Promise.all(apps.map((app) => app.close()))
    throw error
  }
}
