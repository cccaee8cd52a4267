import type { TokenSource } from '@m2m-guard/client'
import type { CreatedM2MClient, FakeStytch } from '@m2m-guard/example-support'
import type { Report } from '../report.js'
import type { RunningApp } from '../start-apps.js'
import { attemptToken, describeAttempt } from '../token-attempt.js'

// Calls made between two rotation steps, so each phase is exercised by real traffic.
const CALLS_PER_PHASE = 25

/** Calls that keep running in the background, counted. */
interface Traffic {
  readonly calls: number
  readonly failed: number
  /** Resolves once `count` more calls have finished. */
  after(count: number): Promise<void>
  stop(): Promise<void>
}

// A few workers call the API in a loop. Each call first drops the cached token, so every call makes (or joins) a
// token request: the secret is exercised continuously, not once an hour as with normal caching.
function startTraffic(tokens: TokenSource, url: string, workers = 3): Traffic {
  let calls = 0
  let failed = 0
  let stopped = false
  const waiting: { target: number; resolve: () => void }[] = []
  const worker = async (): Promise<void> => {
    while (!stopped) {
      tokens.invalidate()
      try {
        const response = await tokens.fetch(url)
        await response.arrayBuffer()
        if (response.status !== 200) failed += 1
      } catch {
        failed += 1
      }
      calls += 1
      for (const waiter of waiting.filter((w) => w.target <= calls)) {
        waiting.splice(waiting.indexOf(waiter), 1)
        waiter.resolve()
      }
    }
  }
  const running = Promise.all(Array.from({ length: workers }, worker))
  return {
    get calls() {
      return calls
    },
    get failed() {
      return failed
    },
    after: (count) => new Promise((resolve) => waiting.push({ target: calls + count, resolve })),
    stop: async () => {
      stopped = true
      await running
    },
  }
}

/**
 * Step 4: rotate reports-service's client secret while it keeps calling an API: start the rotation (both secrets
 * work), switch the running service to the next secret with `tokens.updateSecret`, complete the rotation. No call
 * may fail; afterwards the old secret is refused.
 *
 * @param report - The table.
 * @param fake - The fake Stytch.
 * @param client - reports-service's registration (id and original secret).
 * @param tokens - reports-service's running token source.
 * @param app - The API it calls.
 */
export async function rotateSecret(
  report: Report,
  fake: FakeStytch,
  client: CreatedM2MClient,
  tokens: TokenSource,
  app: RunningApp,
): Promise<void> {
  report.section(`4. Rotate reports-service's secret while it calls GET ${app.url}/users non-stop`)
  const oldSecret = client.client_secret
  const tokenRequests = fake.issuer.counters.token
  const traffic = startTraffic(tokens, `${app.url}/users`)
  try {
    await traffic.after(CALLS_PER_PHASE)
    const start = { calls: traffic.calls, failed: traffic.failed }
    const nextSecret = await fake.api.startRotation(client.client_id)
    report.row({
      step: 'Start rotation: POST …/secrets/rotate/start',
      expected: '200, next_client_secret',
      actual: `200 · next secret …${nextSecret.slice(-4)}`,
      pass: nextSecret.length >= 16 && nextSecret !== oldSecret,
    })

    const withOld = await attemptToken(fake, client.client_id, oldSecret)
    const withNext = await attemptToken(fake, client.client_id, nextSecret)
    report.row({
      step: 'During rotation: token with old / next secret',
      expected: 'issued / issued',
      actual: `${describeAttempt(withOld)} / ${describeAttempt(withNext)}`,
      pass: withOld.ok && withNext.ok,
    })

    await traffic.after(CALLS_PER_PHASE)
    tokens.updateSecret(nextSecret)
    const switched = { calls: traffic.calls, failed: traffic.failed }
    await traffic.after(CALLS_PER_PHASE)
    report.row({
      step: 'Running service: tokens.updateSecret(next)',
      expected: 'calls go on, 0 failed',
      actual: `${traffic.calls - switched.calls} calls since, ${traffic.failed - switched.failed} failed`,
      pass: traffic.failed === switched.failed && traffic.calls > switched.calls,
    })

    await fake.api.completeRotation(client.client_id)
    const after = await fake.api.get(client.client_id)
    report.row({
      step: 'Complete rotation: POST …/secrets/rotate, then GET the client',
      expected: `secret …${nextSecret.slice(-4)}, no next secret`,
      actual: `client_secret_last_four ${after.client_secret_last_four}, next ${after.next_client_secret_last_four}`,
      pass: after.client_secret_last_four === nextSecret.slice(-4) && after.next_client_secret_last_four === null,
    })
    await traffic.after(CALLS_PER_PHASE)
    const end = { calls: traffic.calls, failed: traffic.failed }
    await traffic.stop()
    const requests = fake.issuer.counters.token - tokenRequests
    report.row({
      step: 'Calls from rotation start to end',
      expected: '0 failed',
      actual: `${end.calls - start.calls} calls, ${end.failed - start.failed} failed (${requests} token requests in all)`,
      pass: traffic.failed === 0 && end.calls > start.calls,
    })

    const oldAfter = await attemptToken(fake, client.client_id, oldSecret)
    const nextAfter = await attemptToken(fake, client.client_id, nextSecret)
    report.row({
      step: 'After rotation: token with old / new secret',
      expected: 'rejected: 401 invalid_client / issued',
      actual: `${describeAttempt(oldAfter)} / ${describeAttempt(nextAfter)}`,
      pass: !oldAfter.ok && oldAfter.status === 401 && oldAfter.error === 'invalid_client' && nextAfter.ok,
    })
  } finally {
    await traffic.stop()
  }
}
