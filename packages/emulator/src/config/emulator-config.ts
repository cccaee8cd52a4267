/** Which Stytch product a project belongs to; decides which JWKS path the start-up banner and inspector show. */
export type Vertical = 'consumer' | 'b2b'

/** One M2M client of the config file, created with this id and secret the first time the project starts. */
export interface ClientConfig {
  client_id: string
  client_secret: string
  scopes: string[]
  trusted_metadata: Record<string, unknown>
  client_name: string | undefined
  client_description: string | undefined
  status: 'active' | 'inactive'
}

/**
 * One Connected App of the config file: the credentials its backend presents to the introspection endpoint
 * (RFC 7662). Registered from the config on every start; only a digest of the secret is kept in memory.
 */
export interface ConnectedAppConfig {
  client_id: string
  client_secret: string
}

/** One project of the config file. */
export interface ProjectConfig {
  project_id: string
  secret: string
  vertical: Vertical
  /**
   * Stytch's M2M custom-claims template: a template text (`{"user_id": {{ request.user_id }}}`) or an object whose
   * `"{{ … }}"` string values are replaced. `undefined`: tokens carry no custom claims, as with Stytch.
   */
  custom_claims_template: string | Record<string, unknown> | undefined
  m2m_clients: ClientConfig[]
  connected_apps: ConnectedAppConfig[]
}

/** The checked contents of a config file. */
export interface EmulatorConfig {
  projects: ProjectConfig[]
}
