import { checkNames, isOptionsObject, type OptionNames } from '@m2m-guard/core/options'
import type { ConnectedAppMintOptions, MintOptions } from './mint-options.js'

/** Names of {@link MintOptions}, held to the type by the compiler. */
const MINT_OPTION_NAMES = {
  connectedApp: true,
  clientId: true,
  scopes: true,
  customClaims: true,
  lifetime: true,
  iat: true,
  nbf: true,
  exp: true,
  audience: true,
  issuer: true,
  kid: true,
  typ: true,
  header: true,
  claims: true,
  omitClaims: true,
} as const satisfies OptionNames<MintOptions>

/** Names of {@link ConnectedAppMintOptions}. */
const CONNECTED_APP_NAMES = {
  subject: true,
  b2b: true,
  audiences: true,
  jti: true,
} as const satisfies OptionNames<ConnectedAppMintOptions>

/** Names of the organization object of `connectedApp.b2b`. */
const ORGANIZATION_NAMES = { organizationId: true, slug: true } as const satisfies OptionNames<
  Exclude<ConnectedAppMintOptions['b2b'], boolean | undefined>
>

/**
 * Refuses option names `mint` does not know, nested objects included, so a typo (`scope` for `scopes`) fails the
 * test instead of minting a token without the intended claim. Values are checked where they are used.
 *
 * @param options - The options given to `issuer.mint()` (or a hostile helper).
 * @param what - The function the test called, for the message.
 * @param extra - Names a hostile helper accepts on top of the mint options (`expiredFor`).
 * @throws {TypeError} `m2m-guard: mint does not know the option "connectedApp.subjet" (did you mean …?)`.
 * @example
 * checkMintOptions({ scopes: ['read:users'] }, 'mint')
 */
export function checkMintOptions(
  options: MintOptions | undefined,
  what: string,
  extra: Readonly<Record<string, true>> = {},
): void {
  if (options === undefined) return
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
  checkNames(options, { ...MINT_OPTION_NAMES, ...extra }, what, '')
  const app = options.connectedApp
  if (!isOptionsObject(app)) return
  checkNames(app, CONNECTED_APP_NAMES, what, 'connectedApp.')
  if (isOptionsObject(app.b2b)) checkNames(app.b2b, ORGANIZATION_NAMES, what, 'connectedApp.b2b.')
}
