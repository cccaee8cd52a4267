import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStytchVerifier, fileRevocations, type RevocationEvent, type RevocationSource } from '../../src/index.js'
import { makeKey, PROJECT_ID, StaticJwks, stytchToken } from '../helpers/test-keys.js'

const NOW = 1_800_000_000
const key = makeKey('jwk-test-a')
const clock = (): number => NOW * 1000
const rule = (clientId: string) => ({ type: 'client', clientId, issuedBefore: new Date(NOW * 1000).toISOString() })

/** Waits, for at most two seconds, until an event of `type` arrives after `from`. */
async function until(events: RevocationEvent[], from: number, type: RevocationEvent['type']): Promise<RevocationEvent> {
  const deadline = Date.now() + 2000
  for (;;) {
    const event = events.slice(from).find((e) => e.type === type)
    if (event !== undefined) return event
    if (Date.now() > deadline) throw new Error(`no ${type} event within 2 s: ${JSON.stringify(events.slice(from))}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

describe('fileRevocations', () => {
  let dir: string
  let path: string
  let source: RevocationSource | undefined
  const events: RevocationEvent[] = []
  const write = (content: string): void => {
    // Written atomically, as the docs ask: a temporary file renamed over the old one.
    writeFileSync(`${path}.tmp`, content)
    renameSync(`${path}.tmp`, path)
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'm2m-guard-revocations-'))
    path = join(dir, 'revocations.json')
    events.length = 0
  })
  afterEach(async () => {
    await source?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  const start = async (): Promise<ReturnType<typeof createStytchVerifier>> => {
    source = fileRevocations({ path, pollInterval: 0.05, clock, onEvent: (event) => events.push(event) })
    const verifier = createStytchVerifier({
      projectId: PROJECT_ID,
      jwks: new StaticJwks(key),
      clock,
      revocations: source,
    })
    await verifier.warm()
    return verifier
  }
  const codeOf = (verifier: ReturnType<typeof createStytchVerifier>, sub: string) =>
    verifier.verify(stytchToken(key, NOW, { sub })).then(
      () => 'allowed',
      (error: { code: string }) => error.code,
    )

  it('enforces the file’s rules and follows its changes', async () => {
    write(JSON.stringify({ rules: [rule('m2m-client-a')] }))
    const verifier = await start()
    expect(await codeOf(verifier, 'm2m-client-a')).toBe('ERR_TOKEN_REVOKED')
    expect(await codeOf(verifier, 'm2m-client-b')).toBe('allowed')
    const from = events.length
    write(JSON.stringify({ rules: [rule('m2m-client-b')] }))
    await until(events, from, 'resync')
    expect(await codeOf(verifier, 'm2m-client-a')).toBe('allowed')
    expect(await codeOf(verifier, 'm2m-client-b')).toBe('ERR_TOKEN_REVOKED')
  })

  it('refuses a malformed rule by position and applies the others', async () => {
    write(
      JSON.stringify({
        rules: [rule('m2m-client-a'), { type: 'client', client: 'm2m-client-b' }, rule('m2m-client-c')],
      }),
    )
    const verifier = await start()
    expect(events.filter((e) => e.type === 'rule-refused')).toMatchObject([{ id: 'rules[1]', source: 'file' }])
    expect(await codeOf(verifier, 'm2m-client-a')).toBe('ERR_TOKEN_REVOKED')
    expect(await codeOf(verifier, 'm2m-client-b')).toBe('allowed')
    expect(await codeOf(verifier, 'm2m-client-c')).toBe('ERR_TOKEN_REVOKED')
  })

  it('keeps the last good rules when the file becomes unreadable JSON or goes away', async () => {
    write(JSON.stringify({ rules: [rule('m2m-client-a')] }))
    const verifier = await start()
    let from = events.length
    write('{"rules": [ {"type": "client", ')
    await until(events, from, 'error')
    expect(await codeOf(verifier, 'm2m-client-a')).toBe('ERR_TOKEN_REVOKED')
    from = events.length
    write('[]')
    await until(events, from, 'error')
    from = events.length
    rmSync(path)
    await until(events, from, 'error')
    expect(await codeOf(verifier, 'm2m-client-a')).toBe('ERR_TOKEN_REVOKED')
  })

  it('refuses bad options with a TypeError naming them', () => {
    expect(() => fileRevocations({ path: '' })).toThrow(/option "path"/)
    expect(() => fileRevocations({ path, pollInterval: 0 })).toThrow(/option "pollInterval"/)
  })
})
