import { stytchJwksUrl } from '@m2m-guard/core'
import {
  ClientApiError,
  type CreatedM2MClient,
  createClientApi,
  type ExampleClients,
  type FakeStytch,
  registerExampleClients,
} from '@m2m-guard/example-support'
import { short } from '../names.js'
import type { Report } from '../report.js'

/**
 * Step 1: the project publishes its keys, and two services are registered as M2M clients through the M2M client
 * API (HTTP Basic with the project id and secret), as a provisioning script or the Stytch dashboard would.
 *
 * @param report - The table.
 * @param fake - The fake Stytch.
 * @returns The two clients: reports-service (`read:users`) and admin-service (`read:users write:users`).
 */
export async function registerServices(report: Report, fake: FakeStytch): Promise<ExampleClients> {
  report.section('1. Register two services as M2M clients (M2M client API, HTTP Basic project id:secret)')

  const jwks = await fetch(stytchJwksUrl(fake.projectId, 'consumer', fake.url))
  const keys = ((await jwks.json()) as { keys?: { alg?: string; kid?: string }[] }).keys ?? []
  report.row({
    step: 'GET the project JWKS (public, no credentials)',
    expected: '200, RS256 signing keys',
    actual: `${jwks.status} · ${keys.map((key) => `${key.alg} ${short(key.kid ?? '')}`).join(', ')}`,
    pass: jwks.status === 200 && keys.length > 0 && keys.every((key) => key.alg === 'RS256'),
  })

  const wrongSecret = createClientApi({ baseUrl: fake.url, projectId: fake.projectId, projectSecret: 'wrong' })
  const refusal = await wrongSecret.create({ client_name: 'intruder', scopes: ['read:users'] }).then(
    () => 'created',
    (error: unknown) => (error instanceof ClientApiError ? `${error.status} ${error.errorType}` : String(error)),
  )
  report.row({
    step: 'Create a client with a wrong project secret',
    expected: '401 unauthorized_credentials',
    actual: refusal,
    pass: refusal === '401 unauthorized_credentials',
  })

  const clients = await registerExampleClients(fake.api)
  const registered = (client: CreatedM2MClient, scopes: string): void =>
    report.row({
      step: `Register ${client.client_name} (${scopes})`,
      expected: 'client_id + client_secret, shown once',
      actual: `${short(client.client_id)}, secret …${client.client_secret.slice(-4)}, ${client.scopes.join(' ')}`,
      pass: client.client_id !== '' && client.client_secret.length >= 16 && client.scopes.join(' ') === scopes,
    })
  registered(clients.reader, 'read:users')
  registered(clients.writer, 'read:users write:users')
  return clients
}
