import type { ExampleClients, FakeStytch } from '@m2m-guard/example-support'
import { type ApiResponse, callApi, challengeParams } from '../http-call.js'
import { editClaims } from '../jwt.js'
import type { Report } from '../report.js'
import type { RunningApp } from '../start-apps.js'
import type { ServiceTokens } from './exchange.js'

/** What a call must answer: a success with a body check, or a refusal with its `WWW-Authenticate` challenge. */
type Outcome =
  | { kind: 'ok'; status: number; show: (body: Record<string, unknown>) => string | undefined }
  | { kind: 'refused'; status: number; error: 'invalid_token' | 'insufficient_scope' | undefined; scope?: string }

const ok = (status: number, show: (body: Record<string, unknown>) => string | undefined): Outcome => ({
  kind: 'ok',
  status,
  show,
})
const refused = (status: number, error?: 'invalid_token' | 'insufficient_scope', scope?: string): Outcome => ({
  kind: 'refused',
  status,
  error,
  scope,
})

interface Case {
  /** Method and path, e.g. `GET /users`. */
  route: `${'GET' | 'POST'} /${string}`
  /** How the token is described in the step column. */
  with: string
  token: string | undefined
  outcome: Outcome
}

function expectedText(outcome: Outcome): string {
  if (outcome.kind === 'ok') return String(outcome.status)
  if (outcome.error === undefined) return `${outcome.status}, challenge without error`
  return `${outcome.status} ${outcome.error}${outcome.scope === undefined ? '' : `, scope="${outcome.scope}"`}`
}

// The row's verdict and the text of its actual column.
function judge(outcome: Outcome, response: ApiResponse): { pass: boolean; actual: string } {
  if (outcome.kind === 'ok') {
    const body = typeof response.body === 'object' && response.body !== null ? response.body : {}
    const shown = outcome.show(body as Record<string, unknown>)
    const pass = response.status === outcome.status && response.challenge === undefined && shown !== undefined
    return { pass, actual: `${response.status} · ${shown ?? JSON.stringify(response.body)}` }
  }
  const { error, scope } = challengeParams(response.challenge)
  const pass =
    response.status === outcome.status &&
    response.challenge?.startsWith('Bearer ') === true &&
    error === outcome.error &&
    scope === outcome.scope
  return { pass, actual: `${response.status} · ${response.challenge ?? 'no WWW-Authenticate'}` }
}

/**
 * Step 3: every route of every framework, called with the right token, a token lacking the scope, an invalid
 * token (expired, edited, foreign key) and no token. Refusals show their `WWW-Authenticate` challenge.
 *
 * @param report - The table.
 * @param fake - The fake Stytch (to mint the expired and foreign-key tokens a real client could not get).
 * @param apps - The running example APIs.
 * @param clients - The registered clients.
 * @param tokens - The tokens of step 2.
 */
export async function callApis(
  report: Report,
  fake: FakeStytch,
  apps: readonly RunningApp[],
  clients: ExampleClients,
  tokens: ServiceTokens,
): Promise<void> {
  // Tokens no client can get from the token endpoint, minted by the fake: expired, and signed by a stranger's key.
  const claims = { clientId: clients.reader.client_id, scopes: ['read:users'] }
  const expired = await fake.issuer.hostile.expired(claims)
  const foreignKey = await fake.issuer.hostile.foreignKey(claims)
  // A real token with its scope claim edited: the signature no longer matches.
  const escalated = editClaims(tokens.read, { scope: 'read:users write:users' })

  const reader = clients.reader.client_id
  const writer = clients.writer.client_id
  const cases: Case[] = [
    {
      route: 'GET /health',
      with: 'no token',
      token: undefined,
      outcome: ok(200, (b) => (b.status === 'ok' ? 'status ok' : undefined)),
    },
    {
      route: 'GET /users',
      with: 'read:users token',
      token: tokens.read,
      outcome: ok(200, (b) =>
        Array.isArray(b.users) ? `users: ${b.users.map((u: { name?: unknown }) => u.name).join(', ')}` : undefined,
      ),
    },
    {
      route: 'GET /users',
      with: 'write:users-only token',
      token: tokens.writeOnly,
      outcome: refused(403, 'insufficient_scope', 'read:users'),
    },
    { route: 'GET /users', with: 'expired token', token: expired, outcome: refused(401, 'invalid_token') },
    { route: 'GET /users', with: 'no token', token: undefined, outcome: refused(401) },
    {
      route: 'POST /users',
      with: 'read:users write:users token',
      token: tokens.readWrite,
      outcome: ok(201, (b) => (b.createdBy === writer ? 'created by admin-service' : undefined)),
    },
    {
      route: 'POST /users',
      with: 'read:users token',
      token: tokens.read,
      outcome: refused(403, 'insufficient_scope', 'write:users'),
    },
    {
      route: 'POST /users',
      with: 'read:users token edited to add write:users',
      token: escalated,
      outcome: refused(401, 'invalid_token'),
    },
    { route: 'POST /users', with: 'no token', token: undefined, outcome: refused(401) },
    {
      route: 'GET /whoami',
      with: 'read:users token',
      token: tokens.read,
      outcome: ok(200, (b) => (b.clientId === reader ? `reports-service (${String(b.scopes)})` : undefined)),
    },
    {
      route: 'GET /whoami',
      with: 'no token',
      token: undefined,
      outcome: ok(200, (b) => (b.anonymous === true ? 'anonymous' : undefined)),
    },
    {
      route: 'GET /whoami',
      with: 'token signed by an unknown key',
      token: foreignKey,
      outcome: refused(401, 'invalid_token'),
    },
  ]

  for (const [index, app] of apps.entries()) {
    report.section(`3${'abc'[index] ?? ''}. ${app.framework} API (${app.source}) at ${app.url}`)
    for (const { route, with: using, token, outcome } of cases) {
      const [method, path] = route.split(' ') as ['GET' | 'POST', string]
      const body = method === 'POST' ? { name: 'Ada' } : undefined
      const response = await callApi({ method, url: `${app.url}${path}`, token, body })
      report.row({ step: `${route}, ${using}`, expected: expectedText(outcome), ...judge(outcome, response) })
    }
  }
}
