import { TestIssuerError } from '../errors.js'
import { randomToken, randomUuid } from '../lib/random.js'
import type { ProjectSettings } from '../project-settings.js'
import { digestsEqual, hashSecret } from './secret-hash.js'

/** Input of `issuer.connectedApps.create()`; both fields optional. */
export interface CreateConnectedAppInput {
  /** The app's client id. Default `connected-app-<env>-<uuid>`. */
  client_id?: string | undefined
  /** Its secret, at least 8 characters. Default: random. */
  client_secret?: string | undefined
}

/** A registered Connected App; the secret is returned this once. */
export interface CreatedConnectedApp {
  readonly clientId: string
  readonly clientSecret: string
}

/**
 * The Connected Apps clients of the fake project, kept only to authenticate callers of the introspection endpoint
 * (secrets stored as SHA-256 digests). Internal; exposed as `issuer.connectedApps`.
 */
export class ConnectedAppStore {
  readonly #settings: ProjectSettings
  readonly #apps = new Map<string, Uint8Array>()

  constructor(settings: ProjectSettings) {
    this.#settings = settings
  }

  /** Registers an app. @throws {@link TestIssuerError} `ERR_CLIENT_INVALID`, `ERR_CLIENT_EXISTS`. */
  async create(input: CreateConnectedAppInput = {}): Promise<CreatedConnectedApp> {
    const { client_id: id = `connected-app-${this.#settings.environment}-${randomUuid()}` } = input
    const { client_secret: secret = randomToken() } = input
    if (typeof id !== 'string' || id === '') {
      throw new TestIssuerError('ERR_CLIENT_INVALID', '`client_id` must be a non-empty string')
    }
    if (typeof secret !== 'string' || secret.length < 8) {
      throw new TestIssuerError('ERR_CLIENT_INVALID', '`client_secret` must be at least 8 characters')
    }
    if (this.#apps.has(id)) throw new TestIssuerError('ERR_CLIENT_EXISTS', `Connected App ${id} exists`)
    this.#apps.set(id, await hashSecret(secret))
    return { clientId: id, clientSecret: secret }
  }

  /** Whether `secret` is the secret of the app `clientId`. */
  async authenticate(clientId: string, secret: string): Promise<boolean> {
    const digest = this.#apps.get(clientId)
    // Hashing even for an unknown id keeps the answer time the same.
    const given = await hashSecret(secret)
    return digest !== undefined && digestsEqual(given, digest)
  }
}
