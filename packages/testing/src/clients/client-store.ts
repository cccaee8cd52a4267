import { base64url } from 'jose'
import { TestIssuerError } from '../errors.js'
import { randomToken, randomUuid } from '../lib/random.js'
import type { ProjectSettings } from '../project-settings.js'
import type { ClientSnapshot, SecretSnapshot } from '../state/issuer-snapshot.js'
import type { CreateClientInput, M2MClient, UpdateClientInput } from './m2m-client.js'
import { digestsEqual, hashSecret } from './secret-hash.js'
import { validateCreate, validateSecret, validateUpdate } from './validate-client-input.js'

interface StoredSecret {
  readonly digest: Uint8Array
  readonly lastFour: string
}

interface ClientRecord {
  client: M2MClient
  secret: StoredSecret
  next: StoredSecret | undefined
}

/** A created client with its secret, which is returned this once only. */
export interface CreatedClient {
  client: M2MClient
  clientSecret: string
}

/** A client in rotation with its pending secret, which is returned this once only. */
export interface RotationStarted {
  client: M2MClient
  nextClientSecret: string
}

/**
 * The project's M2M clients, in creation order. Secrets are kept only as SHA-256 digests and compared in constant
 * time; every object handed out is a copy.
 */
export class ClientStore {
  readonly #settings: ProjectSettings
  readonly #records = new Map<string, ClientRecord>()

  constructor(settings: ProjectSettings) {
    this.#settings = settings
  }

  /** Registers a client. @throws {@link TestIssuerError} `ERR_CLIENT_INVALID`, `ERR_CLIENT_EXISTS`. */
  async create(input: CreateClientInput): Promise<CreatedClient> {
    const valid = validateCreate(input)
    const clientId = valid.client_id ?? `m2m-client-${this.#settings.environment}-${randomUuid()}`
    if (this.#records.has(clientId)) throw new TestIssuerError('ERR_CLIENT_EXISTS', `Client ${clientId} exists`)
    const clientSecret = valid.client_secret ?? randomToken()
    const secret = await storeSecret(clientSecret)
    // Checked again: another create may have taken the id while the secret was hashed.
    if (this.#records.has(clientId)) throw new TestIssuerError('ERR_CLIENT_EXISTS', `Client ${clientId} exists`)
    const client: M2MClient = {
      client_id: clientId,
      client_name: valid.client_name ?? '',
      client_description: valid.client_description ?? '',
      status: valid.status ?? 'active',
      scopes: valid.scopes,
      client_secret_last_four: secret.lastFour,
      next_client_secret_last_four: null,
      trusted_metadata: valid.trusted_metadata ?? {},
    }
    this.#records.set(clientId, { client, secret, next: undefined })
    return { client: structuredClone(client), clientSecret }
  }

  /** The client, or `undefined`. */
  get(clientId: string): M2MClient | undefined {
    const record = this.#records.get(clientId)
    return record === undefined ? undefined : structuredClone(record.client)
  }

  /** Every client, in creation order. */
  list(): M2MClient[] {
    return [...this.#records.values()].map((record) => structuredClone(record.client))
  }

  /** Changes the given fields. @throws {@link TestIssuerError} `ERR_CLIENT_NOT_FOUND`, `ERR_CLIENT_INVALID`. */
  update(clientId: string, patch: UpdateClientInput): M2MClient {
    const record = this.#record(clientId)
    const valid = validateUpdate(patch)
    for (const [field, value] of Object.entries(valid)) {
      if (value !== undefined) Object.assign(record.client, { [field]: value })
    }
    return structuredClone(record.client)
  }

  /** Removes the client. Tokens already issued stay valid, as with Stytch. @throws `ERR_CLIENT_NOT_FOUND`. */
  delete(clientId: string): void {
    this.#record(clientId)
    this.#records.delete(clientId)
  }

  /**
   * Starts a secret rotation: a new pending secret works alongside the current one until the rotation is completed
   * or cancelled. Starting again replaces the pending secret. @throws `ERR_CLIENT_NOT_FOUND`, `ERR_CLIENT_INVALID`.
   */
  async startRotation(clientId: string, options: { nextClientSecret?: string } = {}): Promise<RotationStarted> {
    this.#record(clientId)
    const secret = validateSecret(options.nextClientSecret) ?? randomToken()
    const next = await storeSecret(secret)
    const record = this.#record(clientId)
    record.next = next
    record.client.next_client_secret_last_four = next.lastFour
    return { client: structuredClone(record.client), nextClientSecret: secret }
  }

  /** The pending secret becomes the secret; the old one stops working. @throws `ERR_CLIENT_NOT_FOUND`, `ERR_NO_ROTATION`. */
  completeRotation(clientId: string): M2MClient {
    const record = this.#rotating(clientId)
    record.secret = record.next!
    return this.#endRotation(record)
  }

  /** Discards the pending secret. @throws `ERR_CLIENT_NOT_FOUND`, `ERR_NO_ROTATION`. */
  cancelRotation(clientId: string): M2MClient {
    return this.#endRotation(this.#rotating(clientId))
  }

  /**
   * The client whose current or pending secret is `secret`, whatever its status; `undefined` when the id is unknown
   * or the secret wrong. Both digests are always compared, so timing does not reveal which one matched.
   */
  async authenticate(clientId: string, secret: string): Promise<M2MClient | undefined> {
    const digest = await hashSecret(secret)
    const record = this.#records.get(clientId)
    if (record === undefined) return undefined
    const current = digestsEqual(digest, record.secret.digest)
    const pending = record.next !== undefined && digestsEqual(digest, record.next.digest)
    return current || pending ? structuredClone(record.client) : undefined
  }

  /** Every client with its hashed secrets, as plain JSON (digests in base64url). */
  snapshot(): ClientSnapshot[] {
    return [...this.#records.values()].map((record) => ({
      client: structuredClone(record.client),
      secret: exportSecret(record.secret),
      next: record.next === undefined ? null : exportSecret(record.next),
    }))
  }

  /** Replaces every client with those of a snapshot (already checked by `checkSnapshot`). */
  restore(snapshot: readonly ClientSnapshot[]): void {
    this.#records.clear()
    for (const { client, secret, next } of snapshot) {
      this.#records.set(client.client_id, {
        client: structuredClone(client),
        secret: importSecret(secret),
        next: next === null ? undefined : importSecret(next),
      })
    }
  }

  #record(clientId: string): ClientRecord {
    const record = this.#records.get(clientId)
    if (record === undefined) throw new TestIssuerError('ERR_CLIENT_NOT_FOUND', `No client ${clientId}`)
    return record
  }

  #rotating(clientId: string): ClientRecord {
    const record = this.#record(clientId)
    if (record.next === undefined) throw new TestIssuerError('ERR_NO_ROTATION', `No rotation started for ${clientId}`)
    return record
  }

  #endRotation(record: ClientRecord): M2MClient {
    record.next = undefined
    record.client.client_secret_last_four = record.secret.lastFour
    record.client.next_client_secret_last_four = null
    return structuredClone(record.client)
  }
}

async function storeSecret(secret: string): Promise<StoredSecret> {
  return { digest: await hashSecret(secret), lastFour: secret.slice(-4) }
}

const exportSecret = (secret: StoredSecret): SecretSnapshot => ({
  digest: base64url.encode(secret.digest),
  lastFour: secret.lastFour,
})

const importSecret = (secret: SecretSnapshot): StoredSecret => ({
  digest: base64url.decode(secret.digest),
  lastFour: secret.lastFour,
})
