import { describe, expect, it, vi } from 'vitest'
import { ioUntil, useKeys, useScenarios } from './jwks-scenario.js'

const keys = useKeys(['a', 'old', 'new'])
const start = useScenarios()

describe('an older JWKS response landing after a newer one', () => {
  it('never overwrites it, even from a fetch implementation that ignores the abort signal', async () => {
    // The second fetch is held by this fetch, which ignores its AbortSignal; it answers with the set of that time.
    let release: (() => void) | undefined
    let landed = false
    let calls = 0
    const stubborn: typeof fetch = async (input, init) => {
      calls++
      if (calls !== 2) return fetch(input, init)
      const { signal: _ignored, ...rest } = init ?? {}
      const response = await fetch(input, rest)
      await new Promise<void>((resolve) => {
        release = resolve
      })
      landed = true
      return response
    }
    const s = await start({ verifier: { fetch: stubborn } })
    s.publish([keys.a, keys.old])
    expect((await s.verify(s.token(keys.old))).status).toBe(200)

    // Fetch 2 (max-age refresh) reads {A, OLD} and hangs; it times out after 5 s.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    s.advance(600)
    await s.verify(s.token(keys.a))
    await ioUntil(() => release !== undefined)
    await vi.advanceTimersByTimeAsync(5000)
    await s.settle()
    vi.useRealTimers()

    // Fetch 3, after the back-off, reads the newer set {A, NEW}.
    s.publish([keys.a, keys.new])
    s.advance(30)
    expect((await s.verify(s.token(keys.new))).status).toBe(200)

    // Now the older answer lands.
    release?.()
    await ioUntil(() => landed)
    await new Promise((resolve) => setImmediate(resolve))
    expect((await s.verify(s.token(keys.new))).status).toBe(200)
    expect(await s.verify(s.token(keys.old))).toMatchObject({ status: 401, code: 'ERR_TOKEN_KEY_NOT_FOUND' })
    expect(s.server.hits).toBe(3)
  })
})
