import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Decision, fileRevocations, type RevocationSource } from '@m2m-guard/core'
import type { CreatedM2MClient, FakeStytch } from '@m2m-guard/example-support'
import type { Report } from '../report.js'
import { type RunningApp, startApps } from '../start-apps.js'
import { attemptToken, describeAttempt } from '../token-attempt.js'

/** What each API answered for one token, e.g. `200 / 200 / 200`. */
async function statuses(apps: readonly RunningApp[], token: string): Promise<number[]> {
  return Promise.all(
    apps.map(async (app) => {
      const response = await fetch(`${app.url}/users`, { headers: { authorization: `Bearer ${token}` } })
      await response.arrayBuffer()
      return response.status
    }),
  )
}

/** Writes the revocation file the way a config-management tool should: a temporary file renamed over it. */
async function writeRules(path: string, rules: readonly object[]): Promise<void> {
  await writeFile(`${path}.tmp`, JSON.stringify({ rules }, null, 2))
  await rename(`${path}.tmp`, path)
}

/** Decisions counted by outcome and code, as a metrics backend would from `onDecision` or the diagnostics channel. */
function countDecisions(decisions: readonly Decision[]): string {
  const counts = new Map<string, number>()
  for (const { outcome, code } of decisions) {
    const label = code === undefined ? outcome : `${outcome} ${code}`
    counts.set(label, (counts.get(label) ?? 0) + 1)
  }
  return [...counts].map(([label, count]) => `${label}: ${count}`).join(', ')
}

/**
 * Step 5: an incident. admin-service's secret leaked and an attacker holds a token minted with it. The team rotates
 * the secret (admin-service keeps working with the new one), then revokes every token of admin-service issued
 * before the rotation, in the revocation file all three API instances watch (`fileRevocations`: this demo runs
 * without Redis; `@m2m-guard/redis` does the same across hosts). The attacker's token is refused everywhere, and
 * the decisions every instance published are counted.
 *
 * @param report - The table.
 * @param fake - The fake Stytch.
 * @param client - admin-service's registration (its secret is the leaked one).
 */
export async function incident(report: Report, fake: FakeStytch, client: CreatedM2MClient): Promise<void> {
  report.section("5. Incident: admin-service's secret leaked. Rotate, revoke, watch")
  const folder = await mkdtemp(join(tmpdir(), 'm2m-guard-demo-'))
  const path = join(folder, 'revocations.json')
  const sources: RevocationSource[] = []
  const decisions: Decision[] = []
  let apps: RunningApp[] = []
  try {
    await writeRules(path, [])
    apps = await startApps(fake.verifierOptions, () => {
      const revocations = fileRevocations({ path, pollInterval: 0.2 })
      sources.push(revocations)
      return { revocations, onDecision: (decision) => decisions.push(decision) }
    })
    await Promise.all(sources.map((source) => source.ready()))

    const stolen = await attemptToken(fake, client.client_id, client.client_secret)
    if (!stolen.ok) throw new Error(`the attacker could not get a token: ${describeAttempt(stolen)}`)
    const before = await statuses(apps, stolen.token)
    report.row({
      step: "Attacker's token (leaked secret) on Express / Koa / Fastify",
      expected: '200 / 200 / 200',
      actual: before.join(' / '),
      pass: before.every((status) => status === 200),
    })

    const next = await fake.api.startRotation(client.client_id)
    await fake.api.completeRotation(client.client_id)
    const cutoff = Math.floor(Date.now() / 1000)
    const oldSecret = await attemptToken(fake, client.client_id, client.client_secret)
    const stillWorks = await statuses(apps, stolen.token)
    report.row({
      step: 'Rotate the secret; the attacker asks for a new token / uses the one held',
      expected: 'rejected: 401 invalid_client / still 200 ×3',
      actual: `${describeAttempt(oldSecret)} / ${stillWorks.join(' / ')}`,
      pass: !oldSecret.ok && oldSecret.status === 401 && stillWorks.every((status) => status === 200),
    })
    report.note(
      '   A token outlives the secret it was minted with (up to an hour): rotation alone leaves that window open.',
    )

    const revokedAt = performance.now()
    const rule = { type: 'client', clientId: client.client_id, issuedBefore: new Date(cutoff * 1000).toISOString() }
    await writeRules(path, [rule])
    let after = await statuses(apps, stolen.token)
    while (after.some((status) => status !== 401) && performance.now() - revokedAt < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      after = await statuses(apps, stolen.token)
    }
    const took = Math.round(performance.now() - revokedAt)
    report.row({
      step: `Revoke tokens of admin-service issued at or before ${rule.issuedBefore}`,
      expected: '401 ×3 within 1 s',
      actual: `${after.join(' / ')} after ${took} ms`,
      pass: after.every((status) => status === 401) && took < 1000,
    })

    // Tokens carry whole seconds: the service's new token must be issued after the cut-off second.
    while (Math.floor(Date.now() / 1000) <= cutoff) await new Promise((resolve) => setTimeout(resolve, 20))
    const renewed = await attemptToken(fake, client.client_id, next)
    const legit = renewed.ok ? await statuses(apps, renewed.token) : []
    report.row({
      step: "admin-service's new token (new secret) on every API",
      expected: '200 / 200 / 200',
      actual: renewed.ok ? legit.join(' / ') : describeAttempt(renewed),
      pass: legit.length === 3 && legit.every((status) => status === 200),
    })

    const revoked = decisions.filter((d) => d.code === 'ERR_TOKEN_REVOKED').length
    report.row({
      step: 'Decisions published by the three APIs (onDecision)',
      expected: 'allow, and deny ERR_TOKEN_REVOKED',
      actual: countDecisions(decisions),
      pass: revoked >= 3 && decisions.some((d) => d.outcome === 'allow'),
    })
  } finally {
    await Promise.all(apps.map((app) => app.close()))
    await Promise.all(sources.map((source) => source.close()))
    await rm(folder, { recursive: true, force: true })
  }
}
