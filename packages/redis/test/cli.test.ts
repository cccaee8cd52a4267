import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli } from '../src/cli/run-cli.js'
import { createRevocationStore } from '../src/index.js'
import { type RedisServer, startRedis } from './fixtures/redis-server.js'

const run = async (...argv: string[]) => {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) })
  return { code, out: out.join('\n'), err: err.join('\n') }
}

describe('the m2m-guard command', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  }, 30_000)
  afterAll(async () => {
    await redis?.kill()
  })

  it('revokes a client’s tokens before a time, prints what it did, and instances see it in the store', async () => {
    const result = await run(
      'revoke',
      '--client',
      'm2m-client-test-1',
      '--before',
      '2026-12-03T18:00:00Z',
      '--redis',
      redis.url,
      '--json',
    )
    expect(result.code).toBe(0)
    expect(result.err).toContain('never written') // the first write to an empty store warns
    const printed = JSON.parse(result.out) as { ok: boolean; revoked: { id: string; rule: object } }
    expect(printed.ok).toBe(true)
    expect(printed.revoked.rule).toEqual({
      type: 'client',
      clientId: 'm2m-client-test-1',
      issuedBefore: '2026-12-03T18:00:00.000Z',
    })
    const store = createRevocationStore({ url: redis.url, clock: () => Date.parse('2026-12-03T18:30:00Z') })
    expect((await store.list()).rules.map((entry) => entry.id)).toEqual([printed.revoked.id])
    await store.close()
  })

  it('lists, removes and clears, in text for people', async () => {
    await run(
      'revoke',
      '--subject',
      'user-test-1',
      '--app',
      'connected-app-test-a',
      '--redis',
      redis.url,
      '--reason',
      'stolen laptop',
    )
    const listed = await run('list', '--redis', redis.url)
    expect(listed.code).toBe(0)
    expect(listed.err).toBe('')
    expect(listed.out).toContain('Connected Apps tokens of user-test-1 through connected-app-test-a')
    expect(listed.out).toContain('reason: stolen laptop')
    const id = /^(subject:\S+)$/m.exec(listed.out)?.[1]
    expect((await run('unrevoke', '--id', id as string, '--redis', redis.url)).out).toBe(`removed ${id}`)
    expect((await run('clear', '--redis', redis.url)).code).toBe(2) // needs --yes
    expect((await run('clear', '--yes', '--redis', redis.url, '--json')).code).toBe(0)
    expect(JSON.parse((await run('list', '--redis', redis.url, '--json')).out)).toEqual({
      ok: true,
      rules: [],
      refused: [],
    })
  })

  it('exits 2 on a usage error and 1 when Redis cannot be reached', async () => {
    expect((await run('revoke', '--redis', redis.url)).code).toBe(2)
    expect((await run('revoke', '--client', 'a', '--before', 'yesterday', '--redis', redis.url)).code).toBe(2)
    expect((await run('revoke', '--client', 'a')).code).toBe(2)
    expect((await run('frobnicate', '--redis', redis.url)).code).toBe(2)
    const down = await run('list', '--redis', 'redis://127.0.0.1:1', '--json')
    expect(down.code).toBe(1)
    expect(JSON.parse(down.err)).toMatchObject({ ok: false })
  })

  it('runs as the built bin', async () => {
    const bin = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'list', '--redis', redis.url, '--json'])
    expect(JSON.parse(stdout)).toMatchObject({ ok: true })
    const usage = await promisify(execFile)(process.execPath, [bin, 'revoke']).catch((error: { code: number }) => error)
    expect((usage as { code: number }).code).toBe(2)
  })
})
