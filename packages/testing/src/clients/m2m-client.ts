/** An M2M client as Stytch's API returns it (the `m2m_client` object), without any secret. */
export interface M2MClient {
  client_id: string
  client_name: string
  client_description: string
  status: 'active' | 'inactive'
  scopes: string[]
  /** Last four characters of the current secret. */
  client_secret_last_four: string
  /** Last four characters of the pending secret during a rotation, else `null`. */
  next_client_secret_last_four: string | null
  trusted_metadata: Record<string, unknown>
}

/** Input of `issuer.clients.create()`, with the field names of Stytch's create endpoint. */
export interface CreateClientInput {
  /** Scopes the client may request. Required (may be empty). */
  scopes: readonly string[]
  /** A custom id. Default `m2m-client-<env>-<uuid>`. Must be unique. */
  client_id?: string | undefined
  /** A custom secret of at least 8 characters. Default: 44 random base64url characters. */
  client_secret?: string | undefined
  client_name?: string | undefined
  client_description?: string | undefined
  /** Arbitrary JSON; copied into tokens as custom claims by the default template. */
  trusted_metadata?: Record<string, unknown> | undefined
  /** Default `'active'`. (Not part of Stytch's create endpoint; a convenience for tests.) */
  status?: 'active' | 'inactive' | undefined
}

/** Fields `issuer.clients.update()` (and `PUT /v1/m2m/clients/<id>`) can change. */
export interface UpdateClientInput {
  client_name?: string | undefined
  client_description?: string | undefined
  status?: 'active' | 'inactive' | undefined
  scopes?: readonly string[] | undefined
  trusted_metadata?: Record<string, unknown> | undefined
}
