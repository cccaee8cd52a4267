import { request as httpRequest } from 'node:http'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type EmulatorConfig, type RunningEmulator, startEmulator } from '../src/index.js'
import { B2B_PROJECT_ID, CLIENT_ID, CLIENT_SECRET, CONFIG, PROJECT_ID } from './support/fixtures.js'

let emulator: RunningEmulator

beforeAll(async () => {
  const config = structuredClone(CONFIG) as unknown as EmulatorConfig
  for (const project of config.projects) {
    project.m2m_clients ??= []
    project.connected_apps ??= []
    project.vertical ??= 'consumer'
    for (const client of project.m2m_clients) client.status ??= 'active'
  }
  emulator = await startEmulator({ port: 0, config })
})
afterAll(() => emulator.close())
afterEach(() => admin('POST', 'reset', {}))

async function admin(method: string, action: string, body?: object): Promise<Response> {
  return fetch(`${emulator.url}/__emulator/${action}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

const getToken = (projectId = PROJECT_ID, clientId = CLIENT_ID, secret = CLIENT_SECRET): Promise<Response> =>
  fetch(`${emulator.url}/v1/public/${projectId}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
  })

async function jwks(path = `/v1/sessions/jwks/${PROJECT_ID}`) {
  return (await (await fetch(`${emulator.url}${path}`)).json()) as { keys: { kid: string }[] }
}

describe('admin API: faults', () => {
  it('injects an error on the token endpoint for the given number of hits, in the OAuth error shape', async () => {
    const set = await admin('POST', 'faults', { route: 'token', mode: 'error', status: 503, times: 1 })
    expect(set.status).toBe(200)
    const failed = await getToken()
    expect(failed.status).toBe(503)
    expect(await failed.json()).toMatchObject({ error: 'server_error', status_code: 503 })
    expect((await getToken()).status).toBe(200)
  })

  it('serves garbage from the JWKS of one project only, until the faults are cleared', async () => {
    await admin('POST', 'faults', { project_id: PROJECT_ID, route: 'jwks', mode: 'garbage' })
    const garbage = await fetch(`${emulator.url}/.well-known/jwks.json`)
    expect(garbage.headers.get('content-type')).toBe('application/json')
    await expect(garbage.json()).rejects.toThrow()
    expect((await jwks(`/v1/b2b/sessions/jwks/${B2B_PROJECT_ID}`)).keys).toHaveLength(1)
    expect((await admin('DELETE', 'faults')).status).toBe(200)
    expect((await jwks()).keys).toHaveLength(1)
  })

  it('answers 400 naming the problem for an unknown route or mode', async () => {
    const route = await admin('POST', 'faults', { route: 'tokens', mode: 'error' })
    expect(route.status).toBe(400)
    expect(await route.json()).toMatchObject({ error: 'bad_request' })
    expect((await admin('POST', 'faults', { route: 'token', mode: 'explode' })).status).toBe(400)
    const field = await admin('POST', 'faults', { route: 'token', mode: 'error', delay: 5 })
    expect(await field.json()).toMatchObject({ message: expect.stringContaining('unknown field "delay"') })
  })
})

describe('admin API: keys, tokens and clock', () => {
  it('rotates and retires signing keys; the current key cannot be retired', async () => {
    const [first] = (await jwks()).keys
    const rotated = (await (await admin('POST', 'keys/rotate', {})).json()) as { kid: string }
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([first!.kid, rotated.kid])
    const inUse = await admin('POST', 'keys/retire', { kid: rotated.kid })
    expect(inUse.status).toBe(400)
    expect(await inUse.json()).toMatchObject({ error: 'ERR_KEY_IN_USE' })
    expect((await admin('POST', 'keys/retire', { kid: first!.kid })).status).toBe(200)
    expect((await jwks()).keys.map((key) => key.kid)).toEqual([rotated.kid])
  })

  it('mints valid, hostile and forged tokens', async () => {
    const keys = createLocalJWKSet(await jwks())
    const options = { issuer: `stytch.com/${PROJECT_ID}`, audience: PROJECT_ID, algorithms: ['RS256'] }
    const valid = (await (await admin('POST', 'tokens', { client_id: 'anyone', scopes: ['read:users'] })).json()) as {
      access_token: string
    }
    const { payload } = await jwtVerify(valid.access_token, keys, options)
    expect(payload).toMatchObject({ sub: 'anyone', scope: 'read:users' })

    const expired = (await (await admin('POST', 'tokens', { hostile: 'expired' })).json()) as { access_token: string }
    await expect(jwtVerify(expired.access_token, keys, options)).rejects.toMatchObject({ code: 'ERR_JWT_EXPIRED' })
    const forged = (await (
      await admin('POST', 'tokens', { forge: { header: { alg: 'none' }, payload: { sub: 'x' }, key: 'none' } })
    ).json()) as { access_token: string }
    expect(forged.access_token.endsWith('.')).toBe(true)
    const unknown = await admin('POST', 'tokens', { hostile: 'nope' })
    expect(unknown.status).toBe(400)
  })

  it('moves the clock, which the token endpoint uses for iat and exp', async () => {
    const moved = (await (await admin('POST', 'clock', { advance_seconds: 7200 })).json()) as { offset_ms: number }
    expect(moved.offset_ms).toBe(7_200_000)
    const { access_token } = (await (await getToken()).json()) as { access_token: string }
    const iat = JSON.parse(Buffer.from(access_token.split('.')[1]!, 'base64url').toString()).iat as number
    expect(iat - Date.now() / 1000).toBeGreaterThan(7100)
    const set = (await (await admin('POST', 'clock', { now: '2030-01-01T00:00:00Z' })).json()) as { now: string }
    expect(set.now.startsWith('2030-01-01T00:00')).toBe(true)
    expect(((await (await admin('DELETE', 'clock')).json()) as { offset_ms: number }).offset_ms).toBe(0)
  })
})

describe('admin API: counters, requests, reset', () => {
  it('counts hits per project and lists the last requests with the client id', async () => {
    await getToken()
    await jwks()
    const counters = (await (await admin('GET', 'counters')).json()) as { projects: Record<string, object> }
    expect(counters.projects[PROJECT_ID]).toEqual({ jwks: 1, token: 1, api: 0 })
    expect(counters.projects[B2B_PROJECT_ID]).toEqual({ jwks: 0, token: 0, api: 0 })
    const { requests } = (await (await admin('GET', 'requests?limit=3')).json()) as { requests: object[] }
    expect(requests.map((record) => (record as { path: string }).path)).toEqual([
      '/__emulator/counters',
      `/v1/sessions/jwks/${PROJECT_ID}`,
      `/v1/public/${PROJECT_ID}/oauth2/token`,
    ])
    expect(requests[2]).toMatchObject({ method: 'POST', status: 200, client_id: CLIENT_ID, project_id: PROJECT_ID })
  })

  it('resets keys and clients to the config with { "state": true }', async () => {
    const basic = `Basic ${Buffer.from(`${B2B_PROJECT_ID}:secret-test-emulator-fixture-b2b-0000000000`).toString('base64')}`
    const created = await fetch(`${emulator.url}/v1/m2m/clients`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/json' },
      body: JSON.stringify({ scopes: [] }),
    })
    expect(created.status).toBe(200)
    const state = async () =>
      ((await (await admin('GET', 'state')).json()) as { projects: { clients: unknown[] }[] }).projects
    expect((await state())[1]!.clients).toHaveLength(1)
    expect((await state())[0]!.clients).toHaveLength(1)
    const kidBefore = (await jwks()).keys[0]!.kid
    expect((await admin('POST', 'reset', { state: true })).status).toBe(200)
    expect((await state())[1]!.clients).toHaveLength(0)
    expect((await jwks()).keys[0]!.kid).not.toBe(kidBefore)
    expect((await getToken()).status).toBe(200)
  })
})

describe('admin API: who may call it', () => {
  it('needs content-type application/json, so an HTML form of another site cannot post to it', async () => {
    const response = await fetch(`${emulator.url}/__emulator/keys/rotate`, { method: 'POST', body: '' })
    expect(response.status).toBe(415)
    expect((await jwks()).keys).toHaveLength(1)
  })

  it('refuses requests from another site’s page (Origin or Sec-Fetch-Site)', async () => {
    const attempts: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }]
    for (const headers of attempts) {
      const response = await fetch(`${emulator.url}/__emulator/keys/rotate`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: '{}',
      })
      expect(response.status).toBe(403)
    }
    expect((await jwks()).keys).toHaveLength(1)
  })

  it('answers only loopback Host names (DNS rebinding), while Stytch routes answer any', async () => {
    const statusFor = (path: string, host: string) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(path, emulator.url)
        httpRequest(url, { headers: { host } }, (response) => {
          response.resume()
          resolve(response.statusCode!)
        })
          .on('error', reject)
          .end()
      })
    expect(await statusFor('/__emulator/state', 'rebound.evil.example:4010')).toBe(403)
    expect(await statusFor('/', 'rebound.evil.example')).toBe(403)
    expect(await statusFor('/__emulator/state', `localhost:${emulator.port}`)).toBe(200)
    expect(await statusFor(`/v1/sessions/jwks/${PROJECT_ID}`, 'test.stytch.com')).toBe(200)
  })
})
