// The README's plain-shell round trip (curl, jq, openssl) runs as printed, with /bin/sh, against the real bin over
// HTTPS: token, RS256 signature checked against the JWKS, claims, secret rotation, old secret refused.
import { existsSync, readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_ID, CLIENT_SECRET, CONFIG, PROJECT_ID, PROJECT_SECRET } from './support/fixtures.js'
import { runProcess, type SpawnedEmulator, spawnEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const block = /<!-- curl-example:start -->\n```sh\n([\s\S]*?)```\n<!-- curl-example:end -->/.exec(README)?.[1]
let emulator: SpawnedEmulator

beforeAll(async () => {
  emulator = await spawnEmulator(['--https', '--config', writeTemp(tempDir(), 'stytch.json', CONFIG)])
})
afterAll(async () => {
  await emulator.stop()
})

describe('the README’s curl example', () => {
  it('runs with curl, jq and openssl and shows the old secret refused after a rotation', async () => {
    expect(block, 'the README must keep the curl-example markers').toBeDefined()
    for (const [tool, debianPackage] of [
      ['/usr/bin/curl', 'curl'],
      ['/usr/bin/jq', 'jq'],
      ['/usr/bin/openssl', 'openssl'],
    ]) {
      expect(existsSync(tool!), `install the Debian package ${debianPackage} (scripts/ensure-system-deps.sh)`).toBe(
        true,
      )
    }
    const run = await runProcess('/bin/sh', ['-c', block!], {
      STYTCH_BASE_URL: emulator.url,
      CA_FILE: emulator.caFile,
      STYTCH_PROJECT_ID: PROJECT_ID,
      STYTCH_SECRET: PROJECT_SECRET,
      CLIENT_ID,
      CLIENT_SECRET,
    })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout.split('\n')).toEqual([
      'Verified OK',
      `claims OK: {"sub":"${CLIENT_ID}","scope":"read:users"}`,
      'old secret: 401 invalid_client',
      'new secret: 200',
      '',
    ])
  })
})
