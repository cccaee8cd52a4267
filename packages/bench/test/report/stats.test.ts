import { describe, expect, it } from 'vitest'
import { median, range } from '../../src/report/stats.js'

describe('median', () => {
  it('takes the middle value of an odd count, unsorted input included', () => {
    expect(median([9, 1, 5])).toBe(5)
  })

  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5)
  })

  it('refuses an empty list', () => {
    expect(() => median([])).toThrow()
  })
})

describe('range', () => {
  it('returns the smallest and largest sample', () => {
    expect(range([3, 1, 2])).toEqual([1, 3])
  })
})
