import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type HttpAnswer, send } from '../adapters/http-client.js'
import type { StytchEnv } from '../adapters/routes.js'
import { createApp } from './app/create-app.js'
import { bundle } from './bundle.js'

/** The runtimes the suite knows. */
export const RUNTIMES = ['node', 'bun', 'deno', 'workerd'] as const
export type RuntimeName = (typeof RUNTIMES)[number]

/** One runtime serving the test app. */
export interface RunningRuntime {
  readonly name: RuntimeName
  send(method: string, path: string, headers: Record<string, string | string[]>): Promise<HttpAnswer>
  close(): Promise<void>
}

const bin = (name: string): string => fileURLToPath(new URL(`../../node_modules/.bin/${name}`, import.meta.url))
const appFile = (name: string): string => fileURLToPath(new URL(`./app/${name}`, import.meta.url))

/** The binary of a runtime, or a failure that says how to get it: a missing runtime fails the suite, never skips. */
function binaryOf(name: Exclude<RuntimeName, 'node'>): string {
  const path = bin(name)
  if (!existsSync(path)) {
    throw new Error(`${name} is not installed (${path} is missing): run \`pnpm install\` at the repository root`)
  }
  return path
}

/** Node, in process: the app's Fetch handler called with a `Request`, as a Node host (or a test) would. */
function inProcess(env: StytchEnv): RunningRuntime {
  const app = createApp(env)
  return {
    name: 'node',
    async send(method, path, headers) {
      const init = new Headers()
      for (const [name, value] of Object.entries(headers)) {
        for (const one of Array.isArray(value) ? value : [value]) init.append(name, one)
      }
      const response = await app(new Request(`http://127.0.0.1${path}`, { method, headers: init }))
      const text = await response.text()
      const json = response.headers.get('content-type')?.startsWith('application/json') === true
      const answered: Record<string, string> = {}
      response.headers.forEach((value, name) => {
        answered[name] = value
      })
      return {
        status: response.status,
        headers: answered,
        body: json ? JSON.parse(text) : text,
      }
    },
    close: async () => {},
  }
}

/** Waits for `LISTENING <port>` on a child's stdout; rejects with its stderr if it exits first. */
function listeningPort(child: ChildProcess, name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = ''
    let err = ''
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 30 s:\n${err}`)), 30_000)
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /LISTENING (\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(Number(match[1]))
      }
    })
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`${name} could not be started: ${error.message}`))
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited with ${code} before listening:\n${err}`))
    })
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** workerd prints nothing when it listens: retry a request until the socket answers. */
async function untilAnswering(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`workerd exited with ${child.exitCode}:\n${stderr()}`)
    try {
      await send(port, 'GET', '/ready', {})
      return
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`workerd did not answer in 30 s: ${String(error)}\n${stderr()}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

function workerdConfig(port: number): string {
  // `globalOutbound` is a network service that may reach loopback ("local"): the fake Stytch listens there. No
  // `nodejs_compat`: the packages must run on the plain Workers runtime.
  return `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .app),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const app :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "2025-09-01",
  globalOutbound = "loopback",
);
`
}

function remote(name: RuntimeName, child: ChildProcess, port: number, dir: string): RunningRuntime {
  return {
    name,
    send: (method, path, headers) => send(port, method, path, headers),
    async close() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/**
 * Starts the test app on a runtime: Node in process; Bun, Deno and workerd as a child process serving a bundle of
 * the same app on a free loopback port. The fake Stytch (`env`) keeps running on Node; the runtime fetches the
 * JWKS from it over loopback.
 */
export async function startRuntime(name: RuntimeName, env: StytchEnv): Promise<RunningRuntime> {
  if (name === 'node') return inProcess(env)
  const binary = binaryOf(name)
  const dir = await mkdtemp(join(tmpdir(), `m2m-guard-${name}-`))
  const define = { __TEST_ENV__: JSON.stringify(env) }
  const entry = { bun: 'serve-bun.ts', deno: 'serve-deno.ts', workerd: 'worker.ts' }[name]
  const outfile = join(dir, name === 'workerd' ? 'worker.js' : 'server.mjs')
  await bundle({ entry: appFile(entry), outfile, define })
  if (name === 'workerd') {
    const port = await freePort()
    await writeFile(join(dir, 'config.capnp'), workerdConfig(port))
    const child = spawn(binary, ['serve', join(dir, 'config.capnp')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
    let err = ''
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString()
    })
    await untilAnswering(port, child, () => err)
    return remote(name, child, port, dir)
  }
  const args = name === 'bun' ? [outfile] : ['run', '--allow-net', '--no-prompt', outfile]
  const child = spawn(binary, args, {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  })
  const port = await listeningPort(child, name)
  return remote(name, child, port, dir)
}
