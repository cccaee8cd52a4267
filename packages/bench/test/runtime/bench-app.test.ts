import { describe, expect, it } from 'vitest'
import { createBenchApp } from '../../src/runtime/bench-app.js'

describe('the per-runtime bench app', () => {
  it('names its floor and runs every case on tokens that verify (a rejected one would fail the request)', async () => {
    const app = createBenchApp()
    const info = (await (await app(new Request('http://bench/info'))).json()) as { floorKind: string }
    // On Node the floor is node:crypto, the API core uses here.
    expect(info.floorKind).toContain('node:crypto')
    for (const id of ['floor', 'first-seen', 'cached']) {
      const response = await app(new Request(`http://bench/run?case=${id}&n=300`))
      expect(response.status, id).toBe(200)
      expect(await response.json(), id).toEqual({ ran: 300 })
    }
  })

  it('refuses an unknown case and a bad count', async () => {
    const app = createBenchApp()
    expect((await app(new Request('http://bench/run?case=jose&n=1'))).status).toBe(400)
    expect((await app(new Request('http://bench/run?case=floor&n=-1'))).status).toBe(400)
  })
})
