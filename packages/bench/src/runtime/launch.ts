import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The runtimes `--runtime` accepts. */
export const BENCH_RUNTIMES = ['node', 'bun', 'deno', 'workerd'] as const
export type BenchRuntime = (typeof BENCH_RUNTIMES)[number]

/** A runtime serving the bench app on loopback. */
export interface LaunchedRuntime {
  readonly port: number
  stop(): Promise<void>
}

/** The runtime's binary: this Node, or the one installed with the repository's devDependencies. */
export function binaryOf(runtime: BenchRuntime): string {
  if (runtime === 'node') return process.execPath
  const path = fileURLToPath(new URL(`../../../../node_modules/.bin/${runtime}`, import.meta.url))
  if (!existsSync(path)) throw new Error(`${runtime} is not installed (${path} is missing): run \`pnpm install\``)
  return path
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

function listening(child: ChildProcess, runtime: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /LISTENING (\d+)/.exec(out)
      if (match) resolve(Number(match[1]))
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${runtime} exited with ${code}:\n${err}`)))
  })
}

async function answering(port: number, child: ChildProcess): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}`)
    try {
      await fetch(`http://127.0.0.1:${port}/info`)
      return
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  throw new Error('workerd did not answer in 30 s')
}

/**
 * Starts `bundle` (an ES module in `dir`) on a runtime. workerd runs without `nodejs_compat`, as a plain Worker.
 *
 * @param runtime - Which runtime.
 * @param dir - A folder holding the bundle as `bench.mjs`.
 * @returns The port and a stop function.
 */
export async function launch(runtime: BenchRuntime, dir: string): Promise<LaunchedRuntime> {
  const binary = binaryOf(runtime)
  const bundle = join(dir, 'bench.mjs')
  let child: ChildProcess
  let port: number
  if (runtime === 'workerd') {
    port = await freePort()
    const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .app)],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const app :Workerd.Worker = (
  modules = [(name = "bench.mjs", esModule = embed "bench.mjs")],
  compatibilityDate = "2025-09-01",
);
`
    await writeFile(join(dir, 'config.capnp'), config)
    child = spawn(binary, ['serve', join(dir, 'config.capnp')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    })
    await answering(port, child)
  } else {
    const args = { node: [bundle], bun: [bundle], deno: ['run', '--allow-net', '--no-prompt', bundle] }[runtime]
    child = spawn(binary, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    port = await listening(child, runtime)
  }
  return {
    port,
    async stop() {
      if (child.exitCode !== null) return
      const exited = new Promise((resolve) => child.once('exit', resolve))
      // The whole process group: node_modules/.bin/deno and workerd are wrappers that start the real binary.
      process.kill(-(child.pid as number), 'SIGTERM')
      await exited
    },
  }
}
