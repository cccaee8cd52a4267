import { describe, expect, it } from 'vitest'
import type { MicroCase } from '../../src/micro/micro-case.js'
import { timeSlice } from '../../src/micro/time-slice.js'

const tokens = ['a', 'b', 'c']

describe('timeSlice', () => {
  it('counts whole batches and cycles through the tokens in order across slices', async () => {
    const seen: string[] = []
    const verifyCase: MicroCase = { id: 't', name: 't', inFlight: 16, verify: async (token) => void seen.push(token) }
    const cursor = { index: 0 }
    const sample = await timeSlice(verifyCase, 0, tokens, cursor)
    expect(sample.ops).toBe(64)
    expect(seen.slice(0, 4)).toEqual(['a', 'b', 'c', 'a'])
    expect(cursor.index).toBe(64 % 3)
  })

  it('runs synchronous cases through their op without awaiting', async () => {
    let calls = 0
    const verifyCase: MicroCase = {
      id: 't',
      name: 't',
      inFlight: 1,
      sync: true,
      verify: () => {},
      op: () => void calls++,
    }
    const sample = await timeSlice(verifyCase, 0, tokens, { index: 0 })
    expect(calls).toBe(sample.ops)
  })

  it('aborts instead of timing a rejected verification', async () => {
    const verifyCase: MicroCase = {
      id: 't',
      name: 't',
      inFlight: 1,
      verify: async (token) => {
        if (token === 'c') throw new Error('rejected')
      },
    }
    await expect(timeSlice(verifyCase, 0, tokens, { index: 0 })).rejects.toThrow('rejected')
  })
})
