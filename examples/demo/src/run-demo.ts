import { type FakeStytch, startFakeStytch } from '@m2m-guard/example-support'
import { createReport } from './report.js'
import { type RunningApp, startApps } from './start-apps.js'
import { callApis } from './steps/call-apis.js'
import { exchangeTokens } from './steps/exchange.js'
import { incident } from './steps/incident.js'
import { registerServices } from './steps/register.js'
import { rotateSecret } from './steps/rotate.js'

/** Where the demo writes, and how. */
export interface DemoOptions {
  write: (text: string) => void
  /** Color PASS/FAIL. */
  color?: boolean | undefined
}

/**
 * Runs the whole M2M workflow against a fake Stytch on loopback and prints it as a table: register clients,
 * exchange credentials for tokens, call the Express, Koa and Fastify examples, rotate a secret under load, and
 * handle a leaked secret (rotate, revoke, watch the decisions).
 * Every server it starts is closed before it returns.
 *
 * @param options - Output.
 * @returns The number of failed steps (an unexpected error counts as one).
 */
export async function runDemo({ write, color = false }: DemoOptions): Promise<number> {
  const report = createReport(write, color)
  const started = performance.now()
  let fake: FakeStytch | undefined
  let apps: RunningApp[] = []
  try {
    fake = await startFakeStytch()
    write('m2m-guard demo: Stytch machine-to-machine auth, end to end and offline.\n')
    write(`A fake Stytch from @m2m-guard/testing serves the JWKS, token endpoint and M2M client API at ${fake.url}\n`)
    write(`(project ${fake.projectId}); the APIs verify its tokens exactly as they would Stytch's.\n`)

    const clients = await registerServices(report, fake)
    const tokens = await exchangeTokens(report, fake, clients)
    apps = await startApps(fake.verifierOptions)
    await callApis(report, fake, apps, clients, tokens)
    const [express] = apps
    if (express !== undefined) await rotateSecret(report, fake, clients.reader, tokens.reports, express)
    tokens.reports.close()
    await incident(report, fake, clients.writer)
  } catch (error) {
    report.row({ step: 'Demo ran to the end', expected: 'no error', actual: String(error), pass: false })
  } finally {
    await Promise.all([...apps.map((app) => app.close()), fake?.close()])
  }
  const failed = report.summary()
  write(`(${((performance.now() - started) / 1000).toFixed(1)} s)\n`)
  return failed
}
