/** What `createM2M` needs to verify a Stytch project's tokens (scopes are required per route). */
export interface StytchOptions {
  projectId: string
  baseUrl: string | undefined
  customDomains: string[] | undefined
}

const read = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/**
 * The guard's Stytch options from the environment, read when the first request arrives (see `m2m()`):
 *
 * - `STYTCH_PROJECT_ID` (required): the project whose tokens are accepted. Only the id: the keys are public. Never
 *   give the API your project secret.
 * - `STYTCH_BASE_URL` (optional): where the JWKS is fetched instead of Stytch's host, e.g. a local emulator.
 * - `STYTCH_CUSTOM_DOMAIN` (optional): your Stytch custom domain's https origin, also accepted as issuer.
 *
 * @param env - `process.env`.
 * @returns Options for `createM2M`, which checks them (a `TypeError` naming the option).
 * @throws {Error} when `STYTCH_PROJECT_ID` is not set: the API refuses to start unconfigured (every request 500s).
 * @example
 * const m2m = createM2M(stytchOptionsFrom(process.env))
 */
export function stytchOptionsFrom(env: NodeJS.ProcessEnv): StytchOptions {
  const projectId = read(env, 'STYTCH_PROJECT_ID')
  if (projectId === undefined) throw new Error('Set STYTCH_PROJECT_ID, e.g. project-test-…, to start the API')
  const customDomain = read(env, 'STYTCH_CUSTOM_DOMAIN')
  return {
    projectId,
    baseUrl: read(env, 'STYTCH_BASE_URL'),
    customDomains: customDomain === undefined ? undefined : [customDomain],
  }
}
