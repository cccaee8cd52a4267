import { spawn } from 'node:child_process'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CLIENT_ID, CLIENT_SECRET, CONFIG, PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'
import { runEmulator, spawnEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const basic = `Basic ${Buffer.from(`${PROJECT_ID}:${PROJECT_SECRET}`).toString('base64')}`

async function api(url: string, method: string, path: string, body?: object): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: { authorization: basic, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}

const token = (url: string, clientId: string, clientSecret: string): Promise<Response> =>
  fetch(`${url}/v1/public/${PROJECT_ID}/oauth2/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
  })

const kids = async (url: string): Promise<string[]> =>
  ((await (await fetch(`${url}/v1/sessions/jwks/${PROJECT_ID}`)).json()) as { keys: { kid: string }[] }).keys.map(
    (key) => key.kid,
  )

function setup(): { config: string; state: string } {
  const dir = tempDir()
  return { config: writeTemp(dir, 'stytch.json', CONFIG), state: join(dir, 'state.json') }
}

describe('--state', () => {
  it('keeps keys, clients, hashed secrets and rotations across a restart', async () => {
    const { config, state } = setup()
    const first = await spawnEmulator(['--config', config, '--state', state])
    const created = (await (await api(first.url, 'POST', '/v1/m2m/clients', { scopes: ['read:users'] })).json()) as {
      m2m_client: { client_id: string; client_secret: string }
    }
    const { client_id: createdId, client_secret: createdSecret } = created.m2m_client
    const rotatedKey = (await (
      await fetch(`${first.url}/__emulator/keys/rotate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
      })
    ).json()) as { kid: string }
    const started = (await (
      await api(first.url, 'POST', `/v1/m2m/clients/${CLIENT_ID}/secrets/rotate/start`, {})
    ).json()) as {
      m2m_client: { next_client_secret: string }
    }
    const nextSecret = started.m2m_client.next_client_secret
    const kidsBefore = await kids(first.url)
    expect(kidsBefore).toHaveLength(2)
    expect(await first.stop()).toBe(0)

    expect(existsSync(`${state}.lock`)).toBe(false)
    expect(statSync(state).mode & 0o777).toBe(0o600)
    const saved = readFileSync(state, 'utf8')
    for (const secret of [createdSecret, nextSecret, CLIENT_SECRET, PROJECT_SECRET]) expect(saved).not.toContain(secret)

    const second = await spawnEmulator(['--config', config, '--state', state])
    try {
      expect(await kids(second.url)).toEqual(kidsBefore)
      const minted = (await (await token(second.url, createdId, createdSecret)).json()) as { access_token: string }
      const header = JSON.parse(Buffer.from(minted.access_token.split('.')[0]!, 'base64url').toString())
      expect(header.kid).toBe(rotatedKey.kid)
      // The rotation in progress survived: both secrets work until it completes.
      expect((await token(second.url, CLIENT_ID, CLIENT_SECRET)).status).toBe(200)
      expect((await token(second.url, CLIENT_ID, nextSecret)).status).toBe(200)
      expect((await api(second.url, 'POST', `/v1/m2m/clients/${CLIENT_ID}/secrets/rotate`, {})).status).toBe(200)
      expect((await token(second.url, CLIENT_ID, CLIENT_SECRET)).status).toBe(401)
      // A config client deleted through the API is not created again at the next start.
      expect((await api(second.url, 'DELETE', `/v1/m2m/clients/${CLIENT_ID}`)).status).toBe(200)
    } finally {
      expect(await second.stop()).toBe(0)
    }
    const third = await spawnEmulator(['--config', config, '--state', state])
    try {
      expect((await api(third.url, 'GET', `/v1/m2m/clients/${CLIENT_ID}`)).status).toBe(404)
      expect((await api(third.url, 'GET', `/v1/m2m/clients/${createdId}`)).status).toBe(200)
    } finally {
      await third.stop()
    }
  })

  it('refuses a second emulator on the same state file and leaves the first one running', async () => {
    const { config, state } = setup()
    const first = await spawnEmulator(['--config', config, '--state', state])
    try {
      const second = await runEmulator(['--config', config, '--state', state])
      expect(second.code).toBe(1)
      expect(second.stderr).toContain('is in use by another emulator')
      expect(second.stderr).toContain(`pid ${first.child.pid}`)
      expect((await fetch(`${first.url}/health`)).status).toBe(200)
    } finally {
      await first.stop()
    }
  })

  it('takes over a stale lock whose process is gone', async () => {
    const { config, state } = setup()
    const gone = spawn(process.execPath, ['-e', ''])
    await new Promise((resolve) => gone.once('exit', resolve))
    writeFileSync(`${state}.lock`, `${JSON.stringify({ pid: gone.pid, id: 'stale' })}\n`)
    const emulator = await spawnEmulator(['--config', config, '--state', state])
    expect(JSON.parse(readFileSync(`${state}.lock`, 'utf8')).pid).toBe(emulator.child.pid)
    expect(await emulator.stop()).toBe(0)
    expect(existsSync(`${state}.lock`)).toBe(false)
  })

  it.each([
    ['a corrupt file', '{"format": "m2m-guard-stytch-emulator-state", "vers'],
    ['a foreign JSON file', '{"name": "my-app", "version": "1.0.0"}'],
    ['another state version', '{"format": "m2m-guard-stytch-emulator-state", "version": 99, "projects": {}}'],
    [
      'a damaged project entry',
      JSON.stringify({
        format: 'm2m-guard-stytch-emulator-state',
        version: 1,
        projects: {
          [PROJECT_ID]: {
            issuer: { version: 1, projectId: PROJECT_ID, keys: { current: 'x', published: [], all: [] }, clients: [] },
            seededClients: [],
            keyCreatedAt: {},
          },
        },
      }),
    ],
  ])('refuses %s with a clear message and never overwrites it', async (_name, contents) => {
    const { config, state } = setup()
    writeFileSync(state, contents)
    const run = await runEmulator(['--config', config, '--state', state])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain(`${state}: `)
    expect(run.stderr).toContain('refusing to use or overwrite it')
    expect(readFileSync(state, 'utf8')).toBe(contents)
    expect(existsSync(`${state}.lock`)).toBe(false)
  })
})
