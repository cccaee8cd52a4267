import { writeFile } from 'node:fs/promises'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { isLoopbackHost, toNodeListener } from '@m2m-guard/testing'
import { jwksPath } from './admin/overview.js'
import { EmulatorClock } from './clock.js'
import { defaultConfig } from './config/default-config.js'
import { loadConfig } from './config/load-config.js'
import { EmulatorApp } from './emulator-app.js'
import type { EmulatorOptions, RunningEmulator } from './emulator-options.js'
import { EmulatedProject } from './project.js'
import { acquireStateLock, type StateLock } from './state/lock-file.js'
import { StateError } from './state/state-error.js'
import { readStateFile } from './state/state-file.js'
import { generateTlsMaterial, isReusable } from './tls/generate-tls.js'

function checkOptions(options: EmulatorOptions): { port: number; host: string } {
  const { port = 4010, host = '127.0.0.1', allowRemote = false } = options
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError('m2m-guard: option "port" must be an integer from 0 to 65535')
  }
  if (typeof host !== 'string' || host === '') throw new TypeError('m2m-guard: option "host" must be a host name')
  if (!allowRemote && !isLoopbackHost(host)) {
    throw new TypeError(
      `m2m-guard: option "host" must be a loopback address (got ${host}); set "allowRemote" (--allow-remote) to expose the emulator`,
    )
  }
  return { port, host }
}

/**
 * Starts the Stytch M2M emulator: every project of the config served over HTTP (or HTTPS) on one port, with the
 * inspector at `/`, the admin API under `/__emulator/` and `/health`.
 *
 * @param options - See {@link EmulatorOptions}.
 * @returns The running emulator; `close()` it (the CLI does on SIGTERM and SIGINT).
 * @throws TypeError `m2m-guard: option "<name>" must be …` for a bad option; {@link ConfigError} `ERR_EMULATOR_CONFIG`
 * for a bad config file; {@link StateError} `ERR_STATE_INVALID` / `ERR_STATE_LOCKED` for a state file it may not use.
 * @example
 * ```ts
 * const emulator = await startEmulator({ port: 0, https: true })
 * process.env.STYTCH_BASE_URL = emulator.url
 * await emulator.close()
 * ```
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const { port, host } = checkOptions(options)
  const config =
    options.configFile !== undefined ? await loadConfig(options.configFile) : (options.config ?? defaultConfig())
  const clock = new EmulatorClock(options.now)
  const stateFile = options.stateFile === undefined ? undefined : resolve(options.stateFile)
  const lock: StateLock | undefined = stateFile === undefined ? undefined : await acquireStateLock(stateFile)
  let server: Server | undefined
  try {
    const state = stateFile === undefined ? undefined : await readStateFile(stateFile)
    const projects = await Promise.all(
      config.projects.map((project) => EmulatedProject.start(project, clock, state?.projects[project.project_id])),
    ).catch((error: unknown) => {
      if (!(error instanceof StateError)) throw error
      throw new StateError(
        error.code,
        `${stateFile}: ${error.message}; refusing to use or overwrite it. Move it away or pass another --state path.`,
      )
    })
    const now = new Date(clock.now())
    const saved = state?.tls
    const tls =
      options.https !== true
        ? undefined
        : saved !== undefined && isReusable(saved, now)
          ? saved
          : await generateTlsMaterial(now)
    const app = new EmulatorApp({
      config,
      clock,
      projects,
      stateFile,
      allowRemote: options.allowRemote === true,
      // Kept across a run without --https too, so the next --https run reuses the CA.
      tls: tls ?? saved,
      onRequest: options.onRequest,
    })
    await app.changed()
    const listener = toNodeListener(
      (request) => app.handle(request),
      () => app.baseUrl,
    )
    if (tls === undefined) {
      const { createServer } = await import('node:http')
      server = createServer(listener)
    } else {
      const { createServer } = await import('node:https')
      server = createServer({ key: tls.privateKey, cert: tls.certificate }, listener)
    }
    const listening = server
    await new Promise<void>((resolveListen, reject) => {
      listening.once('error', reject)
      listening.listen(port, host, () => {
        listening.off('error', reject)
        resolveListen()
      })
    })
    const address = listening.address()
    if (address === null || typeof address === 'string') throw new Error('the server has no TCP address')
    // A wildcard bind is reachable on loopback too; that is the URL worth printing (and it matches the certificate).
    const shown = ['0.0.0.0', '::'].includes(address.address) ? '127.0.0.1' : address.address
    app.baseUrl = `${tls === undefined ? 'http' : 'https'}://${shown.includes(':') ? `[${shown}]` : shown}:${address.port}`
    let caFile: string | undefined
    if (tls !== undefined) {
      caFile = resolve(options.caFile ?? join(tmpdir(), `stytch-emulator-${address.port}-ca.pem`))
      await writeFile(caFile, tls.caCertificate, { mode: 0o644 })
    }
    let closing: Promise<void> | undefined
    return {
      url: app.baseUrl,
      port: address.port,
      caFile,
      stateFile,
      secretsSource:
        options.configFile !== undefined
          ? `in ${resolve(options.configFile)} (rotated ones only in the responses that created them)`
          : 'the built-in defaults (see the README; for local testing only)',
      projects: app.projects.map((project) => ({
        project_id: project.id,
        vertical: project.config.vertical,
        jwks_url: `${app.baseUrl}${jwksPath(project)}`,
        token_url: `${app.baseUrl}/v1/public/${project.id}/oauth2/token`,
        client_ids: project.issuer.clients.list().map((client) => client.client_id),
      })),
      close: () => {
        closing ??= (async () => {
          await new Promise<void>((resolveClose) => {
            listening.close(() => resolveClose())
            listening.closeAllConnections()
            // Requests held by a 'timeout' fault end with the connections.
            for (const project of app.projects) project.issuer.faults.reset()
          })
          await app.changed()
          await lock?.release()
        })()
        return closing
      },
    }
  } catch (error) {
    server?.close()
    await lock?.release()
    throw error
  }
}
