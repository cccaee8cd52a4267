import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The built bin, exactly what `npx @m2m-guard/emulator` runs. */
export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url))

/** A running emulator child process. */
export interface SpawnedEmulator {
  url: string
  caFile: string | undefined
  child: ChildProcess
  /** Every stdout line so far (the `--json` request log). */
  stdout: string[]
  /** Sends SIGTERM and resolves with the exit code. */
  stop(): Promise<number | null>
}

/** The outcome of a run that ended by itself (a refused start). */
export interface FinishedRun {
  code: number | null
  stdout: string
  stderr: string
}

function requireBuild(): void {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm build\` before the emulator tests`)
}

/** A fresh temporary folder. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'stytch-emulator-test-'))

/** Writes `contents` to `<dir>/<name>` and returns the path. */
export function writeTemp(dir: string, name: string, contents: string | object): string {
  const path = join(dir, name)
  writeFileSync(path, typeof contents === 'string' ? contents : JSON.stringify(contents, null, 2))
  return path
}

/**
 * Starts the real bin with `--port 0 --json` and the given flags, and waits for its "listening" line.
 */
export function spawnEmulator(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<SpawnedEmulator> {
  requireBuild()
  const child = spawn(process.execPath, [CLI, '--port', '0', '--json', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const stdout: string[] = []
  let stderr = ''
  let buffered = ''
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the emulator did not start in time: ${stderr}`)), 20_000)
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.stdout!.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop()!
      for (const line of lines) {
        stdout.push(line)
        const event = JSON.parse(line) as { event?: string; url?: string; ca_file?: string }
        if (event.event === 'listening') {
          clearTimeout(timer)
          resolve({
            url: event.url!,
            caFile: event.ca_file,
            child,
            stdout,
            stop: () => {
              if (child.exitCode === null) child.kill('SIGTERM')
              return exited
            },
          })
        }
      }
    })
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`the emulator exited with ${code}: ${stderr}`))
    })
  })
}

/** Runs the bin to completion (for starts that must be refused), killing it after 20 s. */
export function runEmulator(args: readonly string[]): Promise<FinishedRun> {
  requireBuild()
  return runProcess(process.execPath, [CLI, '--port', '0', '--json', ...args])
}

/** Runs any program to completion, with extra environment variables. */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<FinishedRun> {
  const child = spawn(command, [...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
  return new Promise((resolve) => {
    child.once('error', (error) => {
      clearTimeout(timer)
      resolve({ code: null, stdout, stderr: `${stderr}${error.message}` })
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}
