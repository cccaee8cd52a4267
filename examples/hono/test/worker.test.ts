import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { bundle } from '../../../test/web/bundle.js'
import { binaryOf, freePort, untilAnswering, workerdConfig } from '../../../test/web/runtimes.js'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { itAnswersMalformedJson } from './malformed-json.js'

const entry = fileURLToPath(new URL('../src/worker.ts', import.meta.url))

// The same route tests as on Node, against src/worker.ts on workerd (the runtime of Cloudflare Workers): bundled as
// Wrangler would, without `nodejs_compat`, STYTCH_PROJECT_ID and STYTCH_BASE_URL as the Worker's text variables,
// verifying tokens of the fake Stytch that runs here on Node.
describeExampleApp(
  'Hono on Cloudflare Workers (workerd)',
  async (_verifier, stytch) => {
    const dir = await mkdtemp(join(tmpdir(), 'm2m-guard-example-hono-workerd-'))
    await bundle({ entry, outfile: join(dir, 'worker.js') })
    const port = await freePort()
    const variables = { STYTCH_PROJECT_ID: stytch.projectId, STYTCH_BASE_URL: stytch.baseUrl }
    await writeFile(join(dir, 'config.capnp'), workerdConfig(port, variables))
    const child = spawn(binaryOf('workerd'), ['serve', join(dir, 'config.capnp')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    const close = async (): Promise<void> => {
      await stop(child)
      await rm(dir, { recursive: true, force: true })
    }
    try {
      await untilAnswering(port, child, () => stderr)
    } catch (error) {
      await close()
      throw error
    }
    return { url: `http://127.0.0.1:${port}`, close }
  },
  itAnswersMalformedJson,
)

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
