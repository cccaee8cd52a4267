import { describe, expect, it } from 'vitest'
import { backoffDelay, parseRetryAfter } from '../src/backoff.js'

const policy = (random: number) => ({ maxAttempts: 5, baseDelay: 0.5, maxDelay: 4, random: () => random })

describe('backoffDelay', () => {
  it('doubles the cap per failure up to maxDelay and scales it by the jitter', () => {
    expect([1, 2, 3, 4, 5].map((failures) => backoffDelay(failures, policy(1), undefined))).toEqual([0.5, 1, 2, 4, 4])
    expect(backoffDelay(3, policy(0.25), undefined)).toBe(0.5)
    expect(backoffDelay(3, policy(0), undefined)).toBe(0)
  })

  it('never waits less than Retry-After', () => {
    expect(backoffDelay(1, policy(1), 3)).toBe(3)
    expect(backoffDelay(4, policy(1), 1)).toBe(4)
  })

  it('clamps a random function that strays outside [0, 1]', () => {
    expect(backoffDelay(1, policy(7), undefined)).toBe(0.5)
    expect(backoffDelay(1, policy(-1), undefined)).toBe(0)
    expect(backoffDelay(1, policy(Number.NaN), undefined)).toBe(0.5)
  })
})

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z')

  it('reads delay-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0)
    expect(parseRetryAfter(' 120 ', now)).toBe(120)
  })

  it('reads an HTTP-date relative to now, and a past date as 0', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5)
    expect(parseRetryAfter('Tue, 31 Dec 2024 23:59:00 GMT', now)).toBe(0)
  })

  it.each([null, '', 'soon', '1.5', '-3', '2025-01-01'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined()
  })
})
