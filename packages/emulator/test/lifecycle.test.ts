import { describe, expect, it } from 'vitest'
import { spawnEmulator } from './support/spawn-emulator.js'

const DEFAULT_PROJECT = 'project-test-00000000-0000-4000-8000-000000000000'

describe('the process', () => {
  it('is ready when /health answers, and exits 0 on SIGTERM even with a request held open by a timeout fault', async () => {
    const emulator = await spawnEmulator([])
    expect(await (await fetch(`${emulator.url}/health`)).json()).toEqual({ status: 'ok' })
    const fault = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ route: 'token', mode: 'timeout' }),
    })
    expect(fault.status).toBe(200)
    const held = fetch(`${emulator.url}/v1/public/${DEFAULT_PROJECT}/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    }).then(
      () => 'answered',
      () => 'dropped',
    )
    // A held request is not logged until it ends; the engine's counter shows when it has arrived (polled: the
    // emulator is another process, so there is no clock to fake).
    for (let attempt = 0; attempt < 50; attempt++) {
      const counters = (await (await fetch(`${emulator.url}/__emulator/counters`)).json()) as {
        projects: Record<string, { token: number }>
      }
      if (counters.projects[DEFAULT_PROJECT]!.token === 1) break
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(await emulator.stop()).toBe(0)
    expect(await held).toBe('dropped')
  })

  it('prints the listening line with the URL, projects and client ids, and no secret', async () => {
    const emulator = await spawnEmulator([])
    try {
      const listening = JSON.parse(emulator.stdout[0]!)
      expect(listening).toMatchObject({
        event: 'listening',
        url: emulator.url,
        projects: [
          {
            project_id: DEFAULT_PROJECT,
            vertical: 'consumer',
            jwks_url: `${emulator.url}/v1/sessions/jwks/${DEFAULT_PROJECT}`,
            token_url: `${emulator.url}/v1/public/${DEFAULT_PROJECT}/oauth2/token`,
            client_ids: ['m2m-client-test-emulator-0000'],
          },
        ],
      })
      expect(emulator.stdout[0]).not.toContain('secret-')
    } finally {
      await emulator.stop()
    }
  })
})
