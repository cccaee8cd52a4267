// Any language: a Python script using only PyJWT and cryptography gets a token over HTTPS, verifies it against the
// emulator's JWKS with PyJWKClient, rotates its client secret through the API and sees the old secret refused.
// Debian's interpreter is used on purpose (not the first python3 on PATH): its python3-jwt and python3-cryptography
// packages are what scripts/ensure-system-deps.sh installs. Missing pieces FAIL the test, naming the package.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_ID, CLIENT_SECRET, CONFIG, PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'
import { runProcess, type SpawnedEmulator, spawnEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const PYTHON = '/usr/bin/python3'
const SCRIPT = fileURLToPath(new URL('./python/token_roundtrip.py', import.meta.url))
let emulator: SpawnedEmulator

beforeAll(async () => {
  emulator = await spawnEmulator(['--https', '--config', writeTemp(tempDir(), 'stytch.json', CONFIG)])
})
afterAll(async () => {
  await emulator.stop()
})

describe('a Python client against the emulator', () => {
  it('has Debian’s python3 with PyJWT and cryptography (apt-get install python3 python3-jwt python3-cryptography)', async () => {
    expect(existsSync(PYTHON), 'install the Debian package python3 (scripts/ensure-system-deps.sh)').toBe(true)
    for (const [module, debianPackage] of [
      ['jwt', 'python3-jwt'],
      ['cryptography', 'python3-cryptography'],
    ]) {
      const probe = await runProcess(PYTHON, ['-c', `import ${module}`])
      expect(probe.code, `install the Debian package ${debianPackage} (scripts/ensure-system-deps.sh)`).toBe(0)
    }
  })

  it('gets a token over HTTPS, verifies it with PyJWKClient, rotates the secret and is refused with the old one', async () => {
    const run = await runProcess(PYTHON, [SCRIPT], {
      STYTCH_BASE_URL: emulator.url,
      STYTCH_PROJECT_ID: PROJECT_ID,
      STYTCH_SECRET: PROJECT_SECRET,
      CLIENT_ID,
      CLIENT_SECRET,
      SSL_CERT_FILE: emulator.caFile,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(run.stdout)
    expect(result.kid).toMatch(/^jwk-test-/)
    expect(result).toMatchObject({
      sub: CLIENT_ID,
      scope: 'read:users',
      tenant: 'acme',
      old_secret: { status: 401, error: 'invalid_client' },
      new_secret: { status: 200 },
    })
  })
})
