import { createStytchVerifier } from '@m2m-guard/core'
import { serveWorker } from '../fixtures/fork-worker.js'
import { PROJECT_ID } from '../fixtures/project.js'
import { importSigningKey } from '../fixtures/signing-key.js'
import { createStaticJwks } from '../fixtures/static-jwks.js'
import { type RunningApp, startExpress, startFastify, startKoa } from './apps.js'
import { startNestExpress } from './apps-nest.js'
import { CaseProfiler } from './case-profiler.js'
import { caseKey, FRAMEWORKS, type Framework, type ServerReply, type ServerRequest, VARIANTS } from './http-case.js'

const START = {
  express: startExpress,
  koa: startKoa,
  fastify: startFastify,
  'nest-express': startNestExpress,
} satisfies Record<Framework, unknown>
const running: RunningApp[] = []
const profiler = new CaseProfiler()

// Every framework × variant gets its own server and verifier (own token cache); only the one under load is busy.
async function start(kid: string, pem: string): Promise<ServerReply> {
  const jwks = createStaticJwks([importSigningKey(kid, pem).jwk])
  const ports: Record<string, number> = {}
  for (const framework of FRAMEWORKS) {
    for (const variant of VARIANTS) {
      const verifier = variant === 'plain' ? undefined : createStytchVerifier({ projectId: PROJECT_ID, jwks })
      const app = await START[framework](verifier, variant === 'fused')
      running.push(app)
      ports[caseKey({ framework, variant })] = app.port
    }
  }
  return { ports }
}

serveWorker(async (message): Promise<ServerReply> => {
  const request = message as ServerRequest
  switch (request.type) {
    case 'start':
      return start(request.kid, request.pem)
    case 'cpu':
      return { cpu: process.cpuUsage() }
    case 'profile-start':
      await profiler.start()
      return { profiled: true }
    case 'profile-stop':
      await profiler.stop(request.file)
      return { profiled: true }
  }
})
process.once('disconnect', () => {
  void Promise.all(running.map((app) => app.close())).finally(() => process.exit(0))
})
