// Builds and starts the Next.js example for real: `next build`, then `next start` on a free loopback port.
import { type ChildProcess, spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../../test/web/runtimes.js'

const root = fileURLToPath(new URL('..', import.meta.url))
// Next's own CLI, run by this Node, as `pnpm build` / `pnpm start` in the example would run it.
const next = fileURLToPath(new URL('../node_modules/next/dist/bin/next', import.meta.url))

/** The test's environment without STYTCH_* (the app must see only what the test gives it), telemetry off. */
function environment(extra: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STYTCH_')))
  return { ...inherited, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production', ...extra }
}

function run(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [next, ...args], {
    cwd: root,
    env: environment(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  return { child, output: () => output }
}

/**
 * Runs `next build` in the example, without any STYTCH_* variable: the project is run-time configuration.
 *
 * @param timeoutMs - Kills the build after this long.
 * @throws when the build fails or takes longer.
 */
export async function buildNextApp(timeoutMs: number): Promise<void> {
  const { child, output } = run(['build'], {})
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', (exitCode) => {
      clearTimeout(timer)
      resolve(exitCode)
    })
  })
  if (code !== 0) throw new Error(`next build exited with ${code}:\n${output()}`)
}

/** A started `next start`. */
export interface NextServer {
  /** e.g. `http://127.0.0.1:41234`. */
  url: string
  close(): Promise<void>
}

/**
 * Starts the built example with `next start -p <free port> -H 127.0.0.1` and polls `GET /api/health` until it
 * answers 200.
 *
 * @param env - The app's environment, e.g. `STYTCH_PROJECT_ID` and `STYTCH_BASE_URL` of a fake Stytch.
 * @param timeoutMs - How long to wait for the first answer.
 * @returns The server.
 * @throws when it exits or does not answer in time.
 */
export async function startNextApp(env: Record<string, string>, timeoutMs: number): Promise<NextServer> {
  const port = await freePort()
  const { child, output } = run(['start', '-p', String(port), '-H', '127.0.0.1'], env)
  const url = `http://127.0.0.1:${port}`
  const close = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000)
    await exited
    clearTimeout(timer)
  }
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output()}`)
    const status = await fetch(`${url}/api/health`).then(
      (response) => response.status,
      () => undefined,
    )
    if (status === 200) return { url, close }
    if (Date.now() > deadline) {
      await close()
      throw new Error(`next start did not answer GET /api/health with 200 in ${timeoutMs} ms:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
