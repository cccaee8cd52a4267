import { DEFAULT_PROJECT_ID } from '@m2m-guard/testing'
import type { EmulatorConfig } from './emulator-config.js'

/** The project secret of the built-in project. Public on purpose: the emulator is for local testing only. */
export const DEFAULT_PROJECT_SECRET = 'secret-test-emulator-0000000000000000000000'
/** The client of the built-in project. */
export const DEFAULT_CLIENT_ID = 'm2m-client-test-emulator-0000'
/** That client's secret. Public on purpose, like {@link DEFAULT_PROJECT_SECRET}. */
export const DEFAULT_CLIENT_SECRET = 'client-secret-emulator-0000'

/**
 * The config used without `--config`: one consumer test project with one client allowed `read:users` and
 * `write:users`, all with the fixed, documented ids and secrets above, so `npx @m2m-guard/emulator` works at once.
 *
 * @returns A fresh copy.
 */
export function defaultConfig(): EmulatorConfig {
  return {
    projects: [
      {
        project_id: DEFAULT_PROJECT_ID,
        secret: DEFAULT_PROJECT_SECRET,
        vertical: 'consumer',
        custom_claims_template: undefined,
        m2m_clients: [
          {
            client_id: DEFAULT_CLIENT_ID,
            client_secret: DEFAULT_CLIENT_SECRET,
            scopes: ['read:users', 'write:users'],
            trusted_metadata: {},
            client_name: 'emulator default client',
            client_description: undefined,
            status: 'active',
          },
        ],
        connected_apps: [],
      },
    ],
  }
}
