import type { M2MErrorCode } from '@m2m-guard/core'
import { createTestIssuer, type HostileTokens } from '@m2m-guard/testing'
import type { StytchEnv } from './routes.js'

/** Every hostile token of `@m2m-guard/testing` (each with exactly one defect) and the code core must answer. */
export const HOSTILE = {
  expired: 'ERR_TOKEN_EXPIRED',
  notYetValid: 'ERR_TOKEN_NOT_YET_VALID',
  wrongIssuer: 'ERR_TOKEN_ISSUER',
  wrongAudience: 'ERR_TOKEN_AUDIENCE',
  unknownKid: 'ERR_TOKEN_KEY_NOT_FOUND',
  foreignKey: 'ERR_TOKEN_SIGNATURE',
  tamperedPayload: 'ERR_TOKEN_SIGNATURE',
  algNone: 'ERR_TOKEN_ALGORITHM',
  hs256WithPublicKey: 'ERR_TOKEN_ALGORITHM',
  missingExp: 'ERR_TOKEN_CLAIM_INVALID',
  nonNumericExp: 'ERR_TOKEN_CLAIM_INVALID',
  jkuHeader: 'ERR_TOKEN_HEADER',
  jwkHeader: 'ERR_TOKEN_HEADER',
  sessionJwt: 'ERR_TOKEN_TYPE',
  connectedApp: 'ERR_TOKEN_TYPE',
  oversized: 'ERR_TOKEN_TOO_LARGE',
} as const satisfies Record<keyof HostileTokens, M2MErrorCode>

export type HostileName = keyof typeof HOSTILE

/** The client id every valid token carries. */
export const CLIENT_ID = 'm2m-client-test-adapter-suite'

/** Tokens the cases send, minted once. */
export interface Tokens {
  readWrite: string
  readOnly: string
  writeOnly: string
  readWildcard: string
  admin: string
  /** Issued two minutes ago (valid, but older than the `/max-age` route allows). */
  twoMinutesOld: string
  /** From the project whose JWKS endpoint is down. */
  fromDownProject: string
  hostile: Record<HostileName, string>
  /** Connected Apps access tokens (consumer and B2B) for `CONNECTED_APP_ID`, with `read:users`. */
  connectedApp: string
  connectedAppB2b: string
}

/** The Connected App every Connected Apps token names in `client_id`. */
export const CONNECTED_APP_ID = 'connected-app-test-adapter-suite'

/** Two fake Stytch projects on loopback servers (one with its JWKS endpoint failing) and the tokens. */
export interface Fixtures {
  env: StytchEnv
  tokens: Tokens
  close(): Promise<void>
}

export async function createFixtures(): Promise<Fixtures> {
  const issuer = await createTestIssuer({ projectId: 'project-test-11111111-1111-4111-8111-111111111111' })
  const down = await createTestIssuer({ projectId: 'project-test-22222222-2222-4222-8222-222222222222' })
  down.faults.jwks('error')
  const [server, downServer] = await Promise.all([issuer.listen(), down.listen()])
  const mint = (scopes: string[], extra = {}) => issuer.mint({ clientId: CLIENT_ID, scopes, ...extra })
  const hostile = Object.fromEntries(
    await Promise.all(
      (Object.keys(HOSTILE) as HostileName[]).map(async (name) => {
        // 9000 characters: over core's 8192 limit, under Node's 16 KiB header limit (which would answer 431).
        const options = name === 'oversized' ? { clientId: CLIENT_ID, size: 9000 } : { clientId: CLIENT_ID }
        return [name, await issuer.hostile[name](options)] as const
      }),
    ),
  ) as Record<HostileName, string>
  const nowSeconds = Math.floor(Date.now() / 1000)
  return {
    env: {
      projectId: issuer.projectId,
      baseUrl: server.url,
      downProjectId: down.projectId,
      downBaseUrl: downServer.url,
    },
    tokens: {
      readWrite: await mint(['read:users', 'write:users']),
      readOnly: await mint(['read:users']),
      writeOnly: await mint(['write:users']),
      readWildcard: await mint(['read:*']),
      admin: await mint(['admin:*']),
      twoMinutesOld: await mint(['read:users'], { iat: nowSeconds - 120 }),
      fromDownProject: await down.mint({ clientId: CLIENT_ID, scopes: ['read:users'] }),
      hostile,
      connectedApp: await issuer.mint({ connectedApp: true, clientId: CONNECTED_APP_ID, scopes: 'openid read:users' }),
      connectedAppB2b: await issuer.mint({
        connectedApp: { b2b: true },
        clientId: CONNECTED_APP_ID,
        scopes: 'openid read:users',
      }),
    },
    close: async () => {
      await Promise.all([server.close(), downServer.close()])
    },
  }
}
