// The official Stytch Node SDK (npm `stytch`) runs its whole M2M workflow against the real `stytch-emulator` bin over
// HTTPS, trusting the emulator's CA through NODE_EXTRA_CA_CERTS: what an integrator does with any SDK.
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONFIG, PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'
import { runProcess, type SpawnedEmulator, spawnEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const WORKFLOW = fileURLToPath(new URL('./sdk/stytch-workflow.mjs', import.meta.url))
let emulator: SpawnedEmulator

beforeAll(async () => {
  const dir = tempDir()
  emulator = await spawnEmulator(['--https', '--config', writeTemp(dir, 'stytch.json', CONFIG)])
})
afterAll(async () => {
  expect(await emulator.stop()).toBe(0)
})

describe('the official Stytch Node SDK against the emulator over HTTPS', () => {
  it('creates a client, gets and authenticates a token, rotates (cancel, start, complete) and deletes it', async () => {
    expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/)
    const run = await runProcess(process.execPath, [WORKFLOW], {
      NODE_EXTRA_CA_CERTS: emulator.caFile,
      STYTCH_BASE_URL: emulator.url,
      STYTCH_PROJECT_ID: PROJECT_ID,
      STYTCH_SECRET: PROJECT_SECRET,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    const clientId: string = result.client_id
    expect(result.created_status).toBe(200)
    expect(result.token).toEqual({ token_type: 'bearer', expires_in: 3600 })
    // The template of the first project copies trusted_metadata.tenant into the token.
    expect(result.auth).toEqual({ client_id: clientId, scopes: ['read:users'], custom_claims: { tenant: 'globex' } })
    expect(result.missingScope).toMatchObject({ rejected: true })
    expect(result.cancelled_next_last_four).toBeNull()
    expect(result.nextAfterCancel).toEqual({ rejected: true, status_code: 401, error_type: 'invalid_client' })
    expect(result.bothDuringRotation).toEqual([{ rejected: false }, { rejected: false }])
    expect(result.oldAfterRotate).toEqual({ rejected: true, status_code: 401, error_type: 'invalid_client' })
    expect(result.rotatedAuth.scopes).toEqual(['read:users', 'write:users'])
    expect(result.deleted).toBe(clientId)
    expect(result.getAfterDelete).toEqual({ rejected: true, status_code: 404, error_type: 'm2m_client_not_found' })
    expect(result.tokenAfterDelete).toMatchObject({ rejected: true, status_code: 401 })
  })

  it('logs one JSON line per request with method, path, status and client id, and never a secret', () => {
    const records = emulator.stdout.map((line) => JSON.parse(line)).filter((record) => record.event === undefined)
    const tokenCalls = records.filter((record) => record.path === `/v1/public/${PROJECT_ID}/oauth2/token`)
    expect(tokenCalls.length).toBeGreaterThanOrEqual(6)
    expect(tokenCalls[0]).toMatchObject({ method: 'POST', status: 200, project_id: PROJECT_ID })
    expect(tokenCalls[0].client_id).toMatch(/^m2m-client-test-/)
    expect(records.some((record) => record.path.startsWith('/v1/sessions/jwks/') && record.status === 200)).toBe(true)
    const log = emulator.stdout.join('\n')
    expect(log).not.toContain(PROJECT_SECRET)
    expect(log).not.toMatch(/eyJ[\w-]+\.eyJ/) // no token
    expect(log).not.toContain('client_secret')
    expect(log).not.toMatch(/authorization/i)
  })
})
