import { describe, expect, it } from 'vitest'
import { checkCase } from '../../src/micro/check-case.js'
import type { MicroCase } from '../../src/micro/micro-case.js'

const accepting = (accept: (token: string) => boolean): MicroCase => ({
  id: 'test',
  name: 'test case',
  inFlight: 1,
  verify: async (token) => {
    if (!accept(token)) throw new Error('rejected')
  },
})

describe('checkCase', () => {
  it('passes a case that accepts the valid tokens and rejects the invalid ones', async () => {
    await expect(
      checkCase(
        accepting((t) => t.startsWith('good')),
        ['good1', 'good2'],
        ['bad1'],
      ),
    ).resolves.toBe(undefined)
  })

  it('fails a case that rejects a valid token, keeping the cause', async () => {
    const error = await checkCase(
      accepting((t) => t !== 'good2'),
      ['good1', 'good2'],
      ['bad1'],
    ).catch((e) => e)
    expect(error).toBeInstanceOf(Error)
    expect((error as Error).cause).toBeInstanceOf(Error)
  })

  it('fails a case that accepts an invalid token', async () => {
    await expect(
      checkCase(
        accepting(() => true),
        ['good1'],
        ['bad1'],
      ),
    ).rejects.toThrow(/accepted invalid token #0/)
  })
})
