import type { ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { binaryOf } from '../../../test/web/runtimes.js'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { builtEntry, startEntry } from '../../support/test/contracts/server-contract.js'
import { itAnswersMalformedJson } from './malformed-json.js'

// The same route tests as on Node, against the Bun and Deno entries started as a user starts them: the unchanged
// app.ts served by Bun.serve / Deno.serve, verifying tokens of the fake Stytch that runs here on Node (the runtime
// fetches its JWKS over loopback). A runtime that is not installed fails the suite: `pnpm install` provides both.
interface Runtime {
  name: string
  /** The runtime's binary and its arguments before the entry. */
  command(): [string, ...string[]]
  entry(): string
}

// Bun runs the TypeScript entry as is; Deno runs its build (Deno does not map `./app.js` to `app.ts`).
const RUNTIMES: Runtime[] = [
  {
    name: 'Bun',
    command: () => [binaryOf('bun'), 'run'],
    entry: () => fileURLToPath(new URL('../src/bun.ts', import.meta.url)),
  },
  {
    name: 'Deno',
    command: () => [binaryOf('deno'), 'run', '--allow-net', '--allow-env', '--no-prompt'],
    entry: () => builtEntry('hono', 'deno'),
  },
]

for (const { name, command, entry } of RUNTIMES) {
  describeExampleApp(
    `Hono on ${name}`,
    async (_verifier, stytch) => {
      const env = { STYTCH_PROJECT_ID: stytch.projectId, STYTCH_BASE_URL: stytch.baseUrl, PORT: '0', NO_COLOR: '1' }
      const { child, output } = await startEntry(entry(), env, `(${name})`, command())
      const url = new RegExp(`listening on (http://127\\.0\\.0\\.1:\\d+) \\(${name}\\)`).exec(output)?.[1]
      if (url === undefined) throw new Error(`${name} printed no URL:\n${output}`)
      return { url, close: () => stop(child) }
    },
    itAnswersMalformedJson,
  )
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}
