import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmulatorConfig, type RunningEmulator, startEmulator } from '../src/index.js'
import { PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'

const APP_ID = 'connected-app-test-fixture-1'
const APP_SECRET = 'fixture-connected-app-secret'

let emulator: RunningEmulator

beforeAll(async () => {
  const config: EmulatorConfig = {
    projects: [
      {
        project_id: PROJECT_ID,
        secret: PROJECT_SECRET,
        vertical: 'consumer',
        custom_claims_template: undefined,
        m2m_clients: [],
        connected_apps: [{ client_id: APP_ID, client_secret: APP_SECRET }],
      },
    ],
  }
  emulator = await startEmulator({ port: 0, config })
})
afterAll(() => emulator.close())

async function mintConnectedAppToken(): Promise<string> {
  const response = await fetch(`${emulator.url}/__emulator/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: APP_ID, connected_app: { subject: 'user-test-alice' }, scopes: ['read:users'] }),
  })
  expect(response.status).toBe(200)
  return ((await response.json()) as { access_token: string }).access_token
}

const introspect = (token: string, secret: string): Promise<Response> =>
  fetch(`${emulator.url}/v1/public/${PROJECT_ID}/oauth2/introspect`, {
    method: 'POST',
    body: new URLSearchParams({ token, client_id: APP_ID, client_secret: secret }),
  })

describe('Connected Apps from the config file', () => {
  it('authenticate at the introspection endpoint, which answers active with the app and the user', async () => {
    const token = await mintConnectedAppToken()
    const answer = await introspect(token, APP_SECRET)
    expect(answer.status).toBe(200)
    expect(await answer.json()).toMatchObject({ active: true, client_id: APP_ID, sub: 'user-test-alice' })
  })

  it('are refused with 401 invalid_client for a wrong secret', async () => {
    const answer = await introspect(await mintConnectedAppToken(), 'not-the-secret')
    expect(answer.status).toBe(401)
    expect(await answer.json()).toMatchObject({ error: 'invalid_client' })
  })
})

describe('config file: connected_apps', () => {
  it('refuses an app without a usable secret, naming the field', async () => {
    const { validateConfig } = await import('../src/config/validate-config.js')
    const problems = validateConfig({
      projects: [
        { project_id: PROJECT_ID, secret: 'x', connected_apps: [{ client_id: APP_ID, client_secret: 'short' }] },
      ],
    })
    expect(problems).toEqual([
      { path: ['projects', 0, 'connected_apps', 0, 'client_secret'], message: expect.stringContaining('8 characters') },
    ])
  })
})
