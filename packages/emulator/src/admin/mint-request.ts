import type { ForgeOptions, MintOptions, TestIssuer } from '@m2m-guard/testing'

/** Body fields of `POST /__emulator/tokens` that map to the testing package's mint options. */
const MINT_FIELDS = {
  client_id: 'clientId',
  scopes: 'scopes',
  custom_claims: 'customClaims',
  lifetime: 'lifetime',
  iat: 'iat',
  nbf: 'nbf',
  exp: 'exp',
  audience: 'audience',
  issuer: 'issuer',
  kid: 'kid',
  typ: 'typ',
  header: 'header',
  claims: 'claims',
  omit_claims: 'omitClaims',
  connected_app: 'connectedApp',
} as const satisfies Record<string, keyof MintOptions>

/** The hostile token kinds of `@m2m-guard/testing`, by the name the admin API accepts. */
export const HOSTILE_KINDS: readonly (keyof TestIssuer['hostile'])[] = [
  'expired',
  'notYetValid',
  'wrongIssuer',
  'wrongAudience',
  'unknownKid',
  'foreignKey',
  'tamperedPayload',
  'algNone',
  'missingExp',
  'nonNumericExp',
  'jkuHeader',
  'jwkHeader',
  'sessionJwt',
  'connectedApp',
  'oversized',
]

/** Every field `POST /__emulator/tokens` accepts. */
export const TOKEN_FIELDS: readonly string[] = ['project_id', 'hostile', 'forge', ...Object.keys(MINT_FIELDS)]

/**
 * Mints the token a `POST /__emulator/tokens` body describes: a valid token (`issuer.mint`), a named hostile one
 * (`hostile`), or any header and payload signed as asked (`forge`).
 *
 * @throws TypeError for values the testing package refuses (the admin API answers 400 with the message).
 */
export async function mintFromRequest(issuer: TestIssuer, body: Record<string, unknown>): Promise<string> {
  if (body.forge !== undefined) {
    const forge = body.forge as { header?: unknown; payload?: unknown; key?: unknown; alg?: unknown }
    if (typeof forge !== 'object' || forge === null || forge.header === undefined || forge.payload === undefined) {
      throw new TypeError('"forge" must be { "header": …, "payload": …, "key"?: "current"|"foreign"|"none", "alg"? }')
    }
    if (forge.key !== undefined && !['current', 'foreign', 'none'].includes(forge.key as string)) {
      throw new TypeError('"forge.key" must be "current", "foreign" or "none"')
    }
    const options: ForgeOptions = { key: forge.key as ForgeOptions['key'], alg: forge.alg as string | undefined }
    return issuer.forge(forge.header as string | object, forge.payload as string | object, options)
  }
  const options: MintOptions = {}
  for (const [field, option] of Object.entries(MINT_FIELDS)) {
    if (body[field] !== undefined) Object.assign(options, { [option]: body[field] })
  }
  if (body.hostile === undefined) return issuer.mint(options)
  const kind = body.hostile as keyof TestIssuer['hostile']
  if (!HOSTILE_KINDS.includes(kind)) throw new TypeError(`"hostile" must be one of ${HOSTILE_KINDS.join(', ')}`)
  const make = issuer.hostile[kind] as (options: MintOptions) => Promise<string>
  return make.call(issuer.hostile, options)
}
