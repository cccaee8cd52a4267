import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLIENT_ID, CLIENT_SECRET, CONFIG, PROJECT_ID } from './support/fixtures.js'
import { type SpawnedEmulator, spawnEmulator, tempDir, writeTemp } from './support/spawn-emulator.js'

const REQUESTS = 500
const CONCURRENCY = 25
let emulator: SpawnedEmulator

beforeAll(async () => {
  emulator = await spawnEmulator(['--config', writeTemp(tempDir(), 'stytch.json', CONFIG)])
})
afterAll(async () => {
  expect(await emulator.stop()).toBe(0)
})

describe('a burst of token requests', () => {
  it(`answers ${REQUESTS} token requests, ${CONCURRENCY} at a time, all with 200, and stays healthy`, async () => {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    })
    const statuses: number[] = []
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < REQUESTS) {
        next++
        const response = await fetch(`${emulator.url}/v1/public/${PROJECT_ID}/oauth2/token`, { method: 'POST', body })
        await response.arrayBuffer()
        statuses.push(response.status)
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    const seconds = (performance.now() - started) / 1000
    console.log(
      `stytch-emulator burst: ${REQUESTS} tokens in ${seconds.toFixed(2)} s = ${Math.round(REQUESTS / seconds)} tokens/s`,
    )
    expect(statuses).toHaveLength(REQUESTS)
    expect(statuses.every((status) => status === 200)).toBe(true)
    expect((await fetch(`${emulator.url}/health`)).status).toBe(200)
    const counters = (await (await fetch(`${emulator.url}/__emulator/counters`)).json()) as {
      projects: Record<string, { token: number }>
    }
    expect(counters.projects[PROJECT_ID]!.token).toBe(REQUESTS)
  })
})
