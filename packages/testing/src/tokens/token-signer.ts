import type { KeyStore } from '../keys/key-store.js'
import type { ProjectSettings } from '../project-settings.js'
import { buildClaims, buildHeader } from './build-token-parts.js'
import type { MintOptions } from './mint-options.js'
import { type KeyMaterial, signCompact } from './sign-compact.js'

/**
 * The key `forge` signs with: the issuer's `'current'` key, the unpublished `'foreign'` key, `'none'` for an empty
 * signature, any asymmetric key jose accepts (`CryptoKey`, `KeyObject`, JWK), or a `Uint8Array` HMAC secret.
 */
export type ForgeKey = 'current' | 'foreign' | 'none' | KeyMaterial

/** Options of `issuer.forge()`. */
export interface ForgeOptions {
  /** The signing key. Default `'current'`. */
  key?: ForgeKey | undefined
  /**
   * The algorithm the signature is computed with, independent of what the header claims. Default: the header's
   * `alg` when it can be read, else `RS256`. `'none'` (or `key: 'none'`) produces an empty signature.
   */
  alg?: string | undefined
}

/** Mints and forges tokens with the issuer's keys. Internal; exposed through the issuer. */
export class TokenSigner {
  readonly #settings: ProjectSettings
  readonly #keys: KeyStore

  constructor(settings: ProjectSettings, keys: KeyStore) {
    this.#settings = settings
    this.#keys = keys
  }

  /** A token exactly as Stytch issues it, with `options` applied. */
  async mint(options: MintOptions = {}): Promise<string> {
    const key = (options.kid === undefined ? undefined : this.#keys.find(options.kid)) ?? this.#keys.current
    const header = buildHeader(key.kid, options)
    return signCompact(
      JSON.stringify(header),
      JSON.stringify(buildClaims(this.#settings, options)),
      key.privateKey,
      'RS256',
    )
  }

  /** Signs arbitrary header and payload; strings are used byte-for-byte, objects are JSON-serialized. */
  async forge(header: string | object, payload: string | object, options: ForgeOptions = {}): Promise<string> {
    const headerText = typeof header === 'string' ? header : JSON.stringify(header)
    const payloadText = typeof payload === 'string' ? payload : JSON.stringify(payload)
    const alg = options.alg ?? readAlg(headerText) ?? 'RS256'
    const key = options.key ?? 'current'
    if (key === 'none' || alg === 'none') return signCompact(headerText, payloadText, null, alg)
    return signCompact(headerText, payloadText, await this.#material(key), alg)
  }

  async #material(key: Exclude<ForgeKey, 'none'>): Promise<KeyMaterial> {
    if (key === 'current') return this.#keys.current.privateKey
    if (key === 'foreign') return (await this.#keys.foreign()).privateKey
    return key
  }
}

function readAlg(headerText: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(headerText)
    const alg = (parsed as { alg?: unknown } | null)?.alg
    return typeof alg === 'string' ? alg : undefined
  } catch {
    return undefined
  }
}
