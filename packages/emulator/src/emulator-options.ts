import type { EmulatorConfig } from './config/emulator-config.js'
import type { RequestRecord } from './request-log.js'

/**
 * Options of {@link startEmulator}. All optional.
 *
 * @example
 * ```ts
 * await startEmulator({ configFile: 'stytch.yaml', stateFile: '.stytch-state.json', https: true })
 * ```
 */
export interface EmulatorOptions {
  /** A config file (JSON, or YAML for `.yaml`/`.yml`). Default: the built-in project and client. */
  configFile?: string | undefined
  /** An already checked config; ignored when `configFile` is given. */
  config?: EmulatorConfig | undefined
  /** TCP port; `0` picks a free one. Default 4010. */
  port?: number | undefined
  /** Interface to bind. Default `127.0.0.1`. Anything but loopback needs `allowRemote`. */
  host?: string | undefined
  /** Allows a non-loopback `host`, exposing the emulator, its admin API and its signing keys to the network. */
  allowRemote?: boolean | undefined
  /** Persist keys, clients (hashed secrets) and rotations here; in memory only when absent. */
  stateFile?: string | undefined
  /** Serve HTTPS with a certificate signed by a CA generated at start. Default `false`. */
  https?: boolean | undefined
  /** Where to write the CA certificate (PEM) with `https`. Default `<tmpdir>/stytch-emulator-<port>-ca.pem`. */
  caFile?: string | undefined
  /** Called after every request (secrets and tokens are never part of the record). */
  onRequest?: ((record: RequestRecord) => void) | undefined
  /** Real time source, for tests. Default `Date.now`. */
  now?: (() => number) | undefined
}

/** One project of a running emulator, as printed at start. */
export interface RunningProject {
  project_id: string
  vertical: 'consumer' | 'b2b'
  jwks_url: string
  token_url: string
  client_ids: string[]
}

/** A running emulator. */
export interface RunningEmulator {
  /** Base URL, e.g. `https://127.0.0.1:4010` (no trailing slash): the SDKs' custom base URL. */
  readonly url: string
  readonly port: number
  readonly projects: readonly RunningProject[]
  /** The CA certificate file with `https`, else `undefined`. */
  readonly caFile: string | undefined
  /** The state file, when persisting. */
  readonly stateFile: string | undefined
  /** Where the client secrets are, in words (the config file, or the built-in defaults). */
  readonly secretsSource: string
  /** Stops serving, saves the state, releases the state lock. Safe to call more than once. */
  close(): Promise<void>
}
