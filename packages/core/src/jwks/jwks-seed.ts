import { isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import type { RsaAlgorithm } from '../verify/verifier-options.js'
import type { JwksSeed, RsaPublicJwk } from './jwks-source.js'
import { parseJwks } from './parse-jwks.js'

/** A checked `jwks.initial`: the usable keys and the clock time they count from. */
export interface ResolvedSeed {
  readonly keys: readonly RsaPublicJwk[]
  readonly fetchedAt: number
}

/**
 * Checks `jwks.initial` once, at creation, by the rules a fetched document follows (the same `parseJwks`: RSA
 * only, the accepted algorithms, `minKeyBits`, no private members, at least one usable key), so a seed from a
 * shared store can never hold a key a fetch would have refused.
 *
 * @param value - The seed: a JWKS document, or a snapshot (`{ keys, fetchedAt }`).
 * @param prefix - Where it sits in the caller's options, with a trailing dot (`jwks.`).
 * @param rules - The cache's algorithms and smallest modulus.
 * @param now - The clock time now: the default `fetchedAt`, and the latest one accepted.
 * @returns The keys and their time, or `undefined` without a seed.
 * @throws {TypeError} naming `<prefix>initial` or `<prefix>initial.fetchedAt`.
 */
export function resolveSeed(
  value: JwksSeed | undefined,
  prefix: string,
  rules: { algorithms: readonly RsaAlgorithm[]; minKeyBits: number },
  now: number,
): ResolvedSeed | undefined {
  if (value === undefined) return undefined
  const name = `${prefix}initial`
  if (!isOptionsObject(value)) invalidOption(name, 'a JWKS document ({ keys: [...] }) or a snapshot()')
  // Other members are allowed, as in any JWKS document (Stytch's carries `request_id` and `status_code`).
  let keys: readonly RsaPublicJwk[]
  try {
    keys = parseJwks(value, rules)
  } catch {
    invalidOption(name, 'a JWKS document ({ keys: [...] }) with at least one usable RSA signing key')
  }
  const { fetchedAt = now } = value
  if (typeof fetchedAt !== 'number' || !Number.isFinite(fetchedAt) || fetchedAt < 0 || fetchedAt > now) {
    // A time in the future would keep the seed "fresh" past its real age.
    invalidOption(`${name}.fetchedAt`, 'a time in milliseconds since the epoch, not in the future')
  }
  return { keys, fetchedAt }
}
