/** What the example servers read from the environment. */
export interface ExampleConfig {
  /** `STYTCH_PROJECT_ID`; `undefined` starts the embedded fake Stytch instead. */
  projectId: string | undefined
  /**
   * `STYTCH_BASE_URL`: where the project's JWKS is fetched from instead of Stytch's host, e.g. a local
   * `@m2m-guard/emulator` (`http://127.0.0.1:4010`). Only used with `STYTCH_PROJECT_ID`.
   */
  baseUrl: string | undefined
  /** `STYTCH_CUSTOM_DOMAIN` as an origin (`https://login.example.com`), when set. */
  customDomain: string | undefined
  /** `PORT`, default 3000; `0` picks a free port. */
  port: number
  /** `HOST`, default `127.0.0.1`; set `0.0.0.0` to accept connections from other machines (containers). */
  host: string
}

/** Environment variables as `process.env` holds them. */
export type Environment = Readonly<Record<string, string | undefined>>

// An empty variable (`STYTCH_PROJECT_ID= node …`) means "not set", as most shells and .env loaders intend.
const read = (env: Environment, name: string): string | undefined => {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/**
 * Reads and checks the example's configuration.
 *
 * @param env - Usually `process.env`.
 * @returns The configuration.
 * @throws {TypeError} when `PORT` is not a port number or `STYTCH_CUSTOM_DOMAIN` is not an https origin.
 * @example
 * const config = readExampleConfig(process.env)
 */
export function readExampleConfig(env: Environment): ExampleConfig {
  const port = Number(read(env, 'PORT') ?? 3000)
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new TypeError('PORT must be a whole number from 0 to 65535')
  }
  return {
    projectId: read(env, 'STYTCH_PROJECT_ID'),
    baseUrl: read(env, 'STYTCH_BASE_URL'),
    customDomain: customDomainOrigin(read(env, 'STYTCH_CUSTOM_DOMAIN')),
    port,
    host: read(env, 'HOST') ?? '127.0.0.1',
  }
}

// One spelling with core's `customDomains` and the client's `customDomain`: the https origin tokens carry as `iss`.
function customDomainOrigin(value: string | undefined): string | undefined {
  if (value === undefined) return undefined
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*$/i.test(value)) {
    throw new TypeError(`STYTCH_CUSTOM_DOMAIN must be an https origin: write https://${value}`)
  }
  const url = URL.canParse(value) ? new URL(value) : undefined
  if (url === undefined || url.protocol !== 'https:' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new TypeError('STYTCH_CUSTOM_DOMAIN must be an https origin such as https://login.example.com')
  }
  return url.origin
}
