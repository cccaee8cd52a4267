import { parseArgs } from 'node:util'
import type { EmulatorOptions } from '../emulator-options.js'

/** What the command line asks for. */
export type CliCommand = { kind: 'help' } | { kind: 'run'; options: EmulatorOptions; json: boolean }

/** The `--help` text. */
export const USAGE = `Usage: stytch-emulator [options]

A local Stytch M2M emulator: JWKS, OAuth 2.0 token endpoint and M2M client API.

Options:
  --port <n>         TCP port (default 4010; 0 picks a free one)
  --host <host>      interface to bind (default 127.0.0.1; non-loopback needs --allow-remote)
  --allow-remote     allow a non-loopback --host (exposes the admin API and signing keys)
  --config <file>    projects and M2M clients (JSON, or YAML for .yaml/.yml)
  --state <file>     keep keys, clients (hashed secrets) and rotations across restarts
  --https            serve HTTPS with a generated CA and localhost certificate
  --ca-file <file>   where to write the CA certificate (with --https; default in the temp folder)
  --json             log one JSON line per request (never secrets)
  -h, --help         this text
`

/**
 * Parses the command line.
 *
 * @param args - The arguments after the program name.
 * @returns The command.
 * @throws TypeError naming the flag for unknown flags or bad values.
 */
export function parseCli(args: readonly string[]): CliCommand {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (error) {
    throw new TypeError(`${(error as Error).message}\n\n${USAGE}`)
  }
  if (values.help === true) return { kind: 'help' }
  let port: number | undefined
  if (values.port !== undefined) {
    port = Number(values.port)
    if (!/^\d+$/.test(values.port) || port > 65_535)
      throw new TypeError('--port must be a whole number from 0 to 65535')
  }
  if (values['ca-file'] !== undefined && values.https !== true) throw new TypeError('--ca-file needs --https')
  return {
    kind: 'run',
    json: values.json === true,
    options: {
      port,
      host: values.host,
      allowRemote: values['allow-remote'] === true,
      configFile: values.config,
      stateFile: values.state,
      https: values.https === true,
      caFile: values['ca-file'],
    },
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'allow-remote': { type: 'boolean' },
      config: { type: 'string' },
      state: { type: 'string' },
      https: { type: 'boolean' },
      'ca-file': { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  })
}
