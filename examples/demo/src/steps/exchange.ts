import { createTokenSource, type TokenSource } from '@m2m-guard/client'
import type { CreatedM2MClient, ExampleClients, FakeStytch } from '@m2m-guard/example-support'
import { decodeClaims } from '../jwt.js'
import type { Report } from '../report.js'
import { attemptToken, describeAttempt } from '../token-attempt.js'

/** The running services' token sources and the tokens they got. */
export interface ServiceTokens {
  /** reports-service's token source; its secret is rotated in step 4. */
  reports: TokenSource
  /** reports-service's token: `read:users`. */
  read: string
  /** admin-service's token: `read:users write:users`. */
  readWrite: string
  /** admin-service's token narrowed to `write:users`. */
  writeOnly: string
}

/**
 * Step 2: each service exchanges its client id and secret for an access token at the OAuth 2.0 token endpoint
 * (client credentials grant), with `@m2m-guard/client`.
 *
 * @param report - The table.
 * @param fake - The fake Stytch.
 * @param clients - The registered clients.
 * @returns The token sources and tokens.
 */
export async function exchangeTokens(
  report: Report,
  fake: FakeStytch,
  clients: ExampleClients,
): Promise<ServiceTokens> {
  report.section('2. Exchange client_id + client_secret for access tokens (POST /v1/public/<project_id>/oauth2/token)')
  const source = (client: CreatedM2MClient): TokenSource =>
    createTokenSource({
      projectId: fake.projectId,
      clientId: client.client_id,
      clientSecret: client.client_secret,
      baseUrl: fake.url,
    })
  const reports = source(clients.reader)
  const admin = source(clients.writer)

  const issued = async (step: string, client: CreatedM2MClient, token: Promise<string>, scope: string) => {
    const value = await token
    const claims = decodeClaims(value)
    const lifetime = Number(claims.exp) - Number(claims.iat)
    report.row({
      step,
      expected: `sub = its client_id, scope "${scope}", 3600 s`,
      actual: `sub ${claims.sub === client.client_id ? '= client_id' : String(claims.sub)}, scope "${claims.scope}", ${lifetime} s`,
      pass: claims.sub === client.client_id && claims.scope === scope && lifetime === 3600,
    })
    return value
  }
  const read = await issued('reports-service: tokens.getToken()', clients.reader, reports.getToken(), 'read:users')
  const readWrite = await issued(
    'admin-service: tokens.getToken()',
    clients.writer,
    admin.getToken(),
    'read:users write:users',
  )
  const writeOnly = await issued(
    "admin-service: getToken({ scopes: ['write:users'] })",
    clients.writer,
    admin.getToken({ scopes: ['write:users'] }),
    'write:users',
  )

  const before = fake.issuer.counters.token
  const again = await reports.getToken()
  const requests = fake.issuer.counters.token - before
  report.row({
    step: 'reports-service: getToken() again',
    expected: 'same token from the cache, no request',
    actual: `${again === read ? 'same token' : 'another token'}, ${requests} token requests`,
    pass: again === read && requests === 0,
  })

  const overreach = await attemptToken(fake, clients.reader.client_id, clients.reader.client_secret, ['write:users'])
  report.row({
    step: 'reports-service asks for write:users',
    expected: 'rejected: 400 invalid_scope',
    actual: describeAttempt(overreach),
    pass: !overreach.ok && overreach.status === 400 && overreach.error === 'invalid_scope',
  })

  admin.close()
  return { reports, read, readWrite, writeOnly }
}
