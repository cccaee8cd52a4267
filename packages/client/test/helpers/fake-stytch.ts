import { createTokenSource, type TokenSourceOptions } from '@m2m-guard/client'
import { createTestIssuer } from '@m2m-guard/testing'
import type { setupServer } from 'msw/node'
import { eventLog } from './events.js'
import { PROJECT_ID } from './token-endpoint.js'

/**
 * The fake Stytch of @m2m-guard/testing on the msw server, one M2M client, and a token source for it that records
 * its events.
 *
 * @param server - The file's msw server.
 * @param settings.scopes - The client's scopes. Default `['read:users']`.
 * @param settings.clock - The issuer's clock (tokens minted in the same second are identical: `iat` is in seconds).
 * @param settings.source - Extra token source options.
 */
export async function fakeStytch(
  server: ReturnType<typeof setupServer>,
  settings: { scopes?: string[]; clock?: () => number; source?: Partial<TokenSourceOptions> } = {},
) {
  const issuer = await createTestIssuer({ projectId: PROJECT_ID, clock: settings.clock })
  server.use(...issuer.handlers())
  const { client, clientSecret } = await issuer.clients.create({ scopes: settings.scopes ?? ['read:users'] })
  const log = eventLog()
  const options: TokenSourceOptions = {
    projectId: PROJECT_ID,
    clientId: client.client_id,
    clientSecret,
    onEvent: log.onEvent,
    ...settings.source,
  }
  return { issuer, log, options, tokens: createTokenSource(options), clientId: client.client_id, clientSecret }
}
