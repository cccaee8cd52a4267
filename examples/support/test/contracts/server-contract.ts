// The behaviour every example's server.ts must have. Each example's server.test.ts runs it on the built entry.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parseCurl, runAssignment, send } from './printed-commands.js'

const examples = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * The built entry of an example, checked to exist and to be built after the last change to the example's sources.
 *
 * @param example - Folder under `examples/`, e.g. `express`.
 * @param name - File name without extension, e.g. `server`.
 * @returns The absolute path of `dist/<name>.js`.
 * @throws when the example was not built since its sources last changed.
 */
export function builtEntry(example: string, name: string): string {
  const root = `${examples}${example}`
  const built = `${root}/dist/${name}.js`
  // tsc --build rewrites the build info whenever it rebuilds the project, even when an output file is unchanged.
  const buildInfo = `${root}/dist/.tsbuildinfo`
  const sources = readdirSync(`${root}/src`, { recursive: true, encoding: 'utf8' }).map((file) => `${root}/src/${file}`)
  const newestSource = Math.max(...sources.map((file) => statSync(file).mtimeMs))
  if (!existsSync(built) || !existsSync(buildInfo) || statSync(buildInfo).mtimeMs < newestSource) {
    throw new Error(`${built} is missing or older than its sources: run \`pnpm build\` first`)
  }
  return built
}

/**
 * Starts a built entry with `node` and collects its output until `ready` appears in it.
 *
 * @param entry - The script.
 * @param env - Extra environment; `STYTCH_*` variables of the test's own environment are removed.
 * @param ready - Text that marks the end of the start-up output.
 * @param runtime - The runtime and its arguments before the script, e.g. `[bun, 'run']`; default this Node.
 * @returns The child process and its output so far.
 */
export async function startEntry(
  entry: string,
  env: Record<string, string>,
  ready: string,
  runtime: readonly [string, ...string[]] = [process.execPath],
): Promise<{ child: ChildProcess; output: string }> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('STYTCH_')))
  const [command, ...args] = runtime
  const child = spawn(command, [...args, entry], { env: { ...inherited, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    output += chunk
  })
  await new Promise<void>((resolve, reject) => {
    const check = (): void => {
      if (output.includes(ready)) resolve()
    }
    child.stdout?.on('data', check)
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)))
  })
  return { child, output }
}

/**
 * Declares the tests of one example's `server.ts` in its default mode: no `STYTCH_PROJECT_ID`, so it starts the
 * embedded fake Stytch, registers two clients and prints curl commands, which must work as printed.
 *
 * @param framework - As the example prints it, e.g. `Express`.
 * @param example - Folder under `examples/`.
 * @param name - The entry's file name without extension, `server` unless the example has one per runtime.
 */
export function describeServerEntry(framework: string, example: string, name = 'server'): void {
  describe(`the ${framework} example's ${name}.ts without STYTCH_PROJECT_ID`, () => {
    let child: ChildProcess
    let output: string
    let lines: string[]

    beforeAll(async () => {
      ;({ child, output } = await startEntry(builtEntry(example, name), { PORT: '0' }, 'Ctrl+C'))
      lines = output.split('\n')
    })
    afterAll(() => {
      if (child.exitCode === null) child.kill('SIGKILL')
    })

    it('says which framework listens where, and that a fake Stytch stands in', () => {
      expect(output).toMatch(new RegExp(`^m2m-guard ${framework} example listening on http://127\\.0\\.0\\.1:\\d+`))
      expect(output).toMatch(/STYTCH_PROJECT_ID is not set, so a fake Stytch runs on http:\/\/127\.0\.0\.1:\d+/)
    })

    it('prints the credentials of a read-only and a read-write client', () => {
      expect(output).toMatch(/reader {2}client_id {6}\S+\n {10}client_secret {2}\S+\n {10}scopes {9}read:users\n/)
      expect(output).toMatch(
        /writer {2}client_id {6}\S+\n {10}client_secret {2}\S+\n {10}scopes {9}read:users write:users\n/,
      )
    })

    it('prints token commands and curl calls that answer as their comments say', async () => {
      const variables: Record<string, string> = {}
      for (const line of lines.filter((l) => /^[A-Z_]+=\$\(curl /.test(l))) {
        const { name, value } = await runAssignment(line)
        expect(value).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
        variables[name] = value
      }
      expect(Object.keys(variables).sort()).toEqual(['READ_TOKEN', 'WRITE_TOKEN'])

      const calls = lines.filter((line) => line.startsWith('curl '))
      expect(calls.length).toBeGreaterThanOrEqual(7)
      for (const line of calls) {
        const [command = '', comment = ''] = line.split('  # ')
        const response = await send(parseCurl(command, variables))
        expect({ line, status: response.status }).toEqual({ line, status: Number(comment.split(',')[0]) })
      }
    })

    it('stops on SIGTERM with exit code 0', async () => {
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code] = await exited
      expect(code).toBe(0)
    })
  })

  describe(`the ${framework} example's ${name}.ts with STYTCH_PROJECT_ID`, () => {
    it('verifies that project instead of starting a fake, and accepts its custom domain as issuer', async () => {
      const projectId = 'project-test-11111111-2222-4333-8444-555555555555'
      const env = { PORT: '0', STYTCH_PROJECT_ID: projectId, STYTCH_CUSTOM_DOMAIN: 'https://login.example.com' }
      const { child, output } = await startEntry(builtEntry(example, name), env, '$TOKEN"')
      try {
        expect(output).not.toContain('fake Stytch')
        expect(output).toContain(`keys from https://test.stytch.com/v1/sessions/jwks/${projectId}`)
        expect(output).toContain(`issuers   stytch.com/${projectId}, https://login.example.com`)
        const url = /listening on (\S+)/.exec(output)?.[1]
        // Neither call needs Stytch: the keys are fetched on the first request that carries a token.
        expect((await fetch(`${url}/health`)).status).toBe(200)
        expect((await fetch(`${url}/users`)).status).toBe(401)
      } finally {
        child.kill('SIGKILL')
      }
    })
  })
}
