import { describe, expect, it } from 'vitest'
import { isLoopbackHost } from '../src/url-rules.js'

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'api.localhost', '127.0.0.1', '127.10.20.30', '[::1]'])('accepts %s', (host) => {
    expect(isLoopbackHost(host)).toBe(true)
  })

  it.each(['localhost.example.com', '127.0.0.1.nip.io', '10.0.0.1', '0.0.0.0', '[::]', 'example.com', '128.0.0.1'])(
    'refuses %s',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false)
    },
  )
})
