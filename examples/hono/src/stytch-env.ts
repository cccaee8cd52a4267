import type { createStytchVerifier } from '@m2m-guard/hono'

/** What `createStytchVerifier` takes. */
export type StytchOptions = Parameters<typeof createStytchVerifier>[0]

/** Environment variables as each runtime hands them over: a Worker's `env`, `Bun.env`, `Deno.env.toObject()`. */
export type StytchEnv = Readonly<Record<string, unknown>>

const read = (env: StytchEnv, name: string): string | undefined => {
  const value = env[name]
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * Verifier options from the environment, for the Bun, Deno and Workers entries (the Node entry also starts a fake
 * Stytch when `STYTCH_PROJECT_ID` is unset; these runtimes need a project, or a fake started elsewhere).
 *
 * - `STYTCH_PROJECT_ID` (required): the project whose tokens are accepted.
 * - `STYTCH_BASE_URL` (optional): where the JWKS is fetched instead of Stytch's host.
 * - `STYTCH_CUSTOM_DOMAIN` (optional): your custom domain's https origin, also accepted as issuer.
 *
 * @param env - The runtime's environment.
 * @returns Options for `createStytchVerifier`, which checks them (a `TypeError` naming the option).
 * @throws {Error} when `STYTCH_PROJECT_ID` is not set.
 * @example
 * const verifier = createStytchVerifier(stytchOptionsFrom(Bun.env))
 */
export function stytchOptionsFrom(env: StytchEnv): StytchOptions {
  const projectId = read(env, 'STYTCH_PROJECT_ID')
  if (projectId === undefined) {
    throw new Error('Set STYTCH_PROJECT_ID (e.g. project-test-…); `node dist/node.js` runs without it, on a fake')
  }
  const customDomain = read(env, 'STYTCH_CUSTOM_DOMAIN')
  return {
    projectId,
    baseUrl: read(env, 'STYTCH_BASE_URL'),
    customDomains: customDomain === undefined ? undefined : [customDomain],
  }
}
