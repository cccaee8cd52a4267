import { stytchBaseUrl, stytchIssuer, stytchJwksUrl } from '@m2m-guard/core'
import { EXAMPLE_CALLS, type ExampleCall } from './example-calls.js'
import type { ExampleClients, FakeStytch } from './fake-stytch.js'

// Prints `access_token` from the token endpoint's JSON with Node itself, so the commands need no jq.
const EXTRACT_TOKEN = `node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).access_token'`

/**
 * A shell command that stores an access token in a variable: `NAME=$(curl … | node -p …)`.
 *
 * @param name - The variable, e.g. `READ_TOKEN`.
 * @param tokenUrl - The token endpoint.
 * @param clientId - Client id, or a shell expression such as `"$CLIENT_ID"`.
 * @param clientSecret - Client secret, or a shell expression.
 * @returns One line of shell.
 */
export function tokenCommand(name: string, tokenUrl: string, clientId: string, clientSecret: string): string {
  const form = `-d grant_type=client_credentials -d client_id=${clientId} -d client_secret=${clientSecret}`
  return `${name}=$(curl -s ${tokenUrl} ${form} | ${EXTRACT_TOKEN})`
}

/**
 * A curl command for one call, with its expected status as a trailing shell comment.
 *
 * @param appUrl - Origin of the example API.
 * @param call - The call.
 * @returns One line of shell.
 */
export function callCommand(appUrl: string, call: ExampleCall): string {
  const parts = ['curl -i']
  if (call.method !== 'GET') parts.push(`-X ${call.method}`)
  parts.push(`${appUrl}${call.path}`)
  if (call.token !== undefined) parts.push(`-H "Authorization: Bearer $${call.token}"`)
  if (call.body !== undefined) parts.push(`-H 'Content-Type: application/json' -d '${JSON.stringify(call.body)}'`)
  return `${parts.join(' ')}  # ${call.status}, ${call.note}`
}

/**
 * What an example prints when it runs against the embedded fake: the fake, the registered clients with their
 * credentials, and curl commands to get tokens and call every route.
 *
 * @param framework - e.g. `Express`.
 * @param appUrl - Origin of the example API.
 * @param fake - The running fake.
 * @param clients - The registered clients.
 * @returns Text for the terminal.
 */
export function fakeModeInstructions(
  framework: string,
  appUrl: string,
  fake: FakeStytch,
  clients: ExampleClients,
): string {
  const client = (label: string, { client_id, client_secret, scopes }: ExampleClients['reader']): string[] => [
    `  ${label}  client_id      ${client_id}`,
    `          client_secret  ${client_secret}`,
    `          scopes         ${scopes.join(' ')}`,
  ]
  return [
    `m2m-guard ${framework} example listening on ${appUrl}`,
    '',
    `STYTCH_PROJECT_ID is not set, so a fake Stytch runs on ${fake.url} (project ${fake.projectId}).`,
    'It serves the JWKS, the OAuth 2.0 token endpoint and the M2M client API, offline. Two M2M clients were',
    'registered through its client API:',
    '',
    ...client('reader', clients.reader),
    ...client('writer', clients.writer),
    '',
    '1. Exchange each client id and secret for an access token (OAuth 2.0 client credentials):',
    '',
    tokenCommand('READ_TOKEN', fake.tokenUrl, clients.reader.client_id, clients.reader.client_secret),
    tokenCommand('WRITE_TOKEN', fake.tokenUrl, clients.writer.client_id, clients.writer.client_secret),
    '',
    '2. Call the API (expected status after the #):',
    '',
    ...EXAMPLE_CALLS.map((call) => callCommand(appUrl, call)),
    '',
    'Ctrl+C stops the API and the fake (its clients and keys are forgotten).',
  ].join('\n')
}

/**
 * What an example prints when it verifies a real Stytch project's tokens.
 *
 * @param framework - e.g. `Express`.
 * @param appUrl - Origin of the example API.
 * @param projectId - `STYTCH_PROJECT_ID`.
 * @param customDomain - `STYTCH_CUSTOM_DOMAIN` as an origin, if set.
 * @returns Text for the terminal.
 */
export function realModeInstructions(
  framework: string,
  appUrl: string,
  projectId: string,
  customDomain: string | undefined,
): string {
  const tokenUrl = `${customDomain ?? stytchBaseUrl(projectId)}/v1/public/${projectId}/oauth2/token`
  const issuers = [stytchIssuer(projectId), ...(customDomain === undefined ? [] : [customDomain])]
  return [
    `m2m-guard ${framework} example listening on ${appUrl}`,
    '',
    `Accepting M2M access tokens of Stytch project ${projectId}`,
    `  keys from ${stytchJwksUrl(projectId)}`,
    `  issuers   ${issuers.join(', ')}`,
    '',
    'Get a token with an M2M client of the project (Stytch dashboard, M2M clients), then call the API:',
    '',
    tokenCommand('TOKEN', tokenUrl, '"$CLIENT_ID"', '"$CLIENT_SECRET"'),
    `curl -i ${appUrl}/users -H "Authorization: Bearer $TOKEN"  # 200 with read:users, else 403`,
  ].join('\n')
}
