import { describe, expect, it } from 'vitest'
import { redisRevocations } from '../src/index.js'

describe('redisRevocations options', () => {
  it('refuses missing, doubled, unknown and out-of-range options, naming them', () => {
    expect(() => redisRevocations({})).toThrow(/option "url"/)
    expect(() => redisRevocations({ url: 'http://127.0.0.1:6379' })).toThrow(/option "url"/)
    expect(() => redisRevocations({ url: 'redis://127.0.0.1:1', failClosedAfter: 0 })).toThrow(
      /option "failClosedAfter"/,
    )
    expect(() => redisRevocations({ url: 'redis://127.0.0.1:1', resyncInterval: Number.NaN })).toThrow(
      /option "resyncInterval"/,
    )
    expect(() => redisRevocations({ url: 'redis://127.0.0.1:1', client: {} as never })).toThrow(/option "url"/)
    expect(() => redisRevocations({ url: 'redis://127.0.0.1:1', failCloseAfter: 5 } as never)).toThrow(
      /"failCloseAfter"/,
    )
  })
})
