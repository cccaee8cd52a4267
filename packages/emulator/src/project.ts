import {
  type CreateClientInput,
  type CustomClaimsTemplate,
  createTestIssuer,
  type TestIssuer,
  TestIssuerError,
} from '@m2m-guard/testing'
import type { EmulatorClock } from './clock.js'
import { claimsTemplate } from './config/claims-template.js'
import type { ProjectConfig } from './config/emulator-config.js'
import { StateError } from './state/state-error.js'
import type { ProjectState } from './state/state-file.js'

/** A signing key as the inspector and admin API show it. */
export interface KeyInfo {
  kid: string
  /** Signs new tokens. */
  current: boolean
  /** Served in the JWKS (retired keys are not). */
  published: boolean
  /** Unix milliseconds on the emulator's clock. */
  createdAt: number
}

/**
 * One emulated Stytch project: a `@m2m-guard/testing` issuer (which serves every route) plus what the emulator adds:
 * the config it came from, which config clients were already created, and when each key was made.
 */
export class EmulatedProject {
  readonly config: ProjectConfig
  readonly issuer: TestIssuer
  /** The custom-claims function built from the config's template (`false`: none). */
  readonly claimsTemplate: CustomClaimsTemplate | false
  readonly #clock: EmulatorClock
  readonly #seeded: Set<string>
  readonly #keyCreatedAt: Map<string, number>

  private constructor(
    config: ProjectConfig,
    issuer: TestIssuer,
    claims: CustomClaimsTemplate | false,
    clock: EmulatorClock,
    state?: ProjectState,
  ) {
    this.config = config
    this.issuer = issuer
    this.claimsTemplate = claims
    this.#clock = clock
    this.#seeded = new Set(state?.seededClients ?? [])
    this.#keyCreatedAt = new Map(Object.entries(state?.keyCreatedAt ?? {}))
  }

  /**
   * Starts the project from its saved state, or fresh, and creates the config's clients that were never created.
   *
   * @throws {@link StateError} `ERR_STATE_INVALID` when the saved state does not fit the project.
   */
  static async start(config: ProjectConfig, clock: EmulatorClock, state?: ProjectState): Promise<EmulatedProject> {
    const claims = claimsTemplate(config.custom_claims_template)
    let issuer: TestIssuer
    try {
      issuer = await createTestIssuer({
        projectId: config.project_id,
        projectSecret: config.secret,
        clock: clock.now,
        customClaims: claims,
        snapshot: state?.issuer,
      })
    } catch (error) {
      if (!(error instanceof TypeError) || state === undefined) throw error
      throw new StateError(
        'ERR_STATE_INVALID',
        `the saved state of project ${config.project_id} is damaged: ${error.message}`,
      )
    }
    const project = new EmulatedProject(config, issuer, claims, clock, state)
    await project.#seedClients()
    // Connected Apps come from the config on every start (their secrets are in the config, not in the state file).
    for (const app of config.connected_apps) await issuer.connectedApps.create(app)
    for (const { kid } of await project.#allKeys()) {
      if (!project.#keyCreatedAt.has(kid)) project.#keyCreatedAt.set(kid, clock.now())
    }
    return project
  }

  /** The project id. */
  get id(): string {
    return this.config.project_id
  }

  /** What to save in the state file. */
  async state(): Promise<ProjectState> {
    return {
      issuer: await this.issuer.snapshot(),
      seededClients: [...this.#seeded],
      keyCreatedAt: Object.fromEntries(this.#keyCreatedAt),
    }
  }

  /** Every key, oldest first. */
  async keys(): Promise<KeyInfo[]> {
    const published = new Set(this.issuer.jwks().keys.map((key) => key.kid))
    return (await this.#allKeys()).map(({ kid }) => ({
      kid,
      current: kid === this.issuer.currentKid,
      published: published.has(kid),
      createdAt: this.#keyCreatedAt.get(kid) ?? this.#clock.now(),
    }))
  }

  /** Adds a key that signs from now on; the old ones stay published. @returns The new kid. */
  async rotateKey(): Promise<string> {
    const kid = await this.issuer.rotateKeys()
    this.#keyCreatedAt.set(kid, this.#clock.now())
    return kid
  }

  async #allKeys(): Promise<{ kid: string }[]> {
    return (await this.issuer.snapshot()).keys.all
  }

  async #seedClients(): Promise<void> {
    for (const client of this.config.m2m_clients) {
      if (this.#seeded.has(client.client_id)) continue
      const input: CreateClientInput = {
        client_id: client.client_id,
        client_secret: client.client_secret,
        scopes: client.scopes,
        trusted_metadata: client.trusted_metadata,
        client_name: client.client_name,
        client_description: client.client_description,
        status: client.status,
      }
      try {
        await this.issuer.clients.create(input)
      } catch (error) {
        // Already in the saved state (from an older emulator version that did not track seeding): keep that one.
        if (!(error instanceof TestIssuerError && error.code === 'ERR_CLIENT_EXISTS')) throw error
      }
      this.#seeded.add(client.client_id)
    }
  }
}
