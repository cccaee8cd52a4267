import type { StytchVerifierOptions } from '@m2m-guard/core'
import type { ExampleConfig } from './example-config.js'
import { type ExampleClients, type FakeStytch, registerExampleClients, startFakeStytch } from './fake-stytch.js'
import { fakeModeInstructions, realModeInstructions } from './instructions.js'

/** The Stytch project an example verifies tokens of: the real one, or the embedded fake. */
export interface StytchConnection {
  /** Options for `createStytchVerifier`. */
  readonly verifierOptions: StytchVerifierOptions
  /** The embedded fake and its registered clients; `undefined` with a real project. */
  readonly fake: (FakeStytch & { clients: ExampleClients }) | undefined
  /** What to print once the API listens at `appUrl`. */
  instructions(framework: string, appUrl: string): string
  /** Stops the fake, if one runs. */
  close(): Promise<void>
}

/**
 * Connects an example to Stytch: with `STYTCH_PROJECT_ID`, to that project (only its id is needed: keys are
 * public); without it, to a fake Stytch started on loopback, with a read-only and a read-write client registered.
 *
 * @param config - From {@link readExampleConfig}.
 * @returns The connection.
 * @example
 * const stytch = await connectStytch(readExampleConfig(process.env))
 * const verifier = createStytchVerifier(stytch.verifierOptions)
 */
export async function connectStytch(config: ExampleConfig): Promise<StytchConnection> {
  const { projectId, customDomain, baseUrl } = config
  if (projectId !== undefined) {
    return {
      verifierOptions: { projectId, baseUrl, customDomains: customDomain === undefined ? undefined : [customDomain] },
      fake: undefined,
      instructions: (framework, appUrl) => realModeInstructions(framework, appUrl, projectId, customDomain),
      close: async () => {},
    }
  }
  const fake = await startFakeStytch({ customDomain })
  try {
    const clients = await registerExampleClients(fake.api)
    return {
      verifierOptions: fake.verifierOptions,
      fake: { ...fake, clients },
      instructions: (framework, appUrl) => fakeModeInstructions(framework, appUrl, fake, clients),
      close: () => fake.close(),
    }
  } catch (error) {
    await fake.close()
    throw error
  }
}
