#!/usr/bin/env node
import { banner } from './cli/banner.js'
import { parseCli, USAGE } from './cli/parse-cli.js'
import { ConfigError } from './config/config-error.js'
import { startEmulator } from './start-emulator.js'
import { StateError } from './state/state-error.js'

// Exit codes: 2 for a bad command line or config, 1 for anything else that stops the start.
async function main(): Promise<void> {
  let command: ReturnType<typeof parseCli>
  try {
    command = parseCli(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`stytch-emulator: ${(error as Error).message}\n`)
    process.exitCode = 2
    return
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE)
    return
  }
  const { options, json } = command
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  try {
    emulator = await startEmulator({
      ...options,
      onRequest: json ? (record) => process.stdout.write(`${JSON.stringify(record)}\n`) : undefined,
    })
  } catch (error) {
    const usage = error instanceof ConfigError || error instanceof TypeError
    const known = usage || error instanceof StateError
    const code = (error as NodeJS.ErrnoException).code
    const message =
      code === 'EADDRINUSE'
        ? `port ${options.port ?? 4010} is in use; stop what listens there or pass --port 0 for a free port`
        : known
          ? (error as Error).message
          : String((error as Error).stack ?? error)
    process.stderr.write(`stytch-emulator: ${message}\n`)
    process.exitCode = usage ? 2 : 1
    return
  }
  const stop = (signal: NodeJS.Signals): void => {
    process.off('SIGTERM', stop)
    process.off('SIGINT', stop)
    emulator.close().then(
      () => {
        if (!json) process.stdout.write(`Stytch emulator stopped (${signal})\n`)
      },
      (error: unknown) => {
        process.stderr.write(`stytch-emulator: closing failed: ${String(error)}\n`)
        process.exitCode = 1
      },
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  // Printed once the signal handlers are in place: whoever waits for this line may stop the emulator at once.
  process.stdout.write(
    json
      ? `${JSON.stringify({ event: 'listening', url: emulator.url, ca_file: emulator.caFile, projects: emulator.projects })}\n`
      : banner(emulator),
  )
}

// Not a top-level await: the CommonJS build of this file cannot have one.
main().catch((error: unknown) => {
  process.stderr.write(`stytch-emulator: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exitCode = 1
})
