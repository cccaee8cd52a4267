import type { RevocationEntry, RevocationRule } from '@m2m-guard/core'
import { createRevocationStore, type RevocationStore } from '../revocation-store.js'
import { type CliCommand, parseCliArgs, USAGE, UsageError } from './parse-args.js'

/** Where the command writes. */
export interface CliOutput {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
}

/**
 * A rule in words, for people reading a terminal during an incident.
 *
 * @param rule - A stored rule.
 * @returns e.g. `tokens of client m2m-client-live-1 issued at or before 2026-12-03T18:00:00.000Z`.
 * @example
 * describeRule({ type: 'client', clientId: 'a', issuedBefore: '2026-12-03T18:00:00.000Z' })
 */
export function describeRule(rule: RevocationRule): string {
  switch (rule.type) {
    case 'client':
      return `tokens of client ${rule.clientId} issued at or before ${String(rule.issuedBefore)}`
    case 'subject':
      return `Connected Apps tokens of ${rule.subject}${rule.clientId === undefined ? '' : ` through ${rule.clientId}`} issued at or before ${String(rule.issuedBefore)}`
    case 'token':
      return rule.jti === undefined ? `the token with SHA-256 ${rule.sha256}` : `the token with jti ${rule.jti}`
  }
}

const line = (entry: RevocationEntry): string =>
  `${entry.id}\n  ${describeRule(entry.rule)}${entry.rule.reason === undefined ? '' : `\n  reason: ${entry.rule.reason}`}\n  expires ${entry.expiresAt.toISOString()}`

async function execute(
  command: Exclude<CliCommand, { name: 'help' }>,
  store: RevocationStore,
  io: CliOutput,
): Promise<void> {
  const { json } = command.common
  const print = (value: object, text: string): void => io.out(json ? JSON.stringify({ ok: true, ...value }) : text)
  switch (command.name) {
    case 'revoke': {
      if (!(await store.written())) {
        io.err(
          'm2m-guard: warning: the store was empty and never written (new, or Redis lost its data). Instances that kept rules over the empty store now follow it again: re-add every rule still needed.',
        )
      }
      const entry = await store.revoke(command.rule)
      print(
        { revoked: entry },
        `revoked ${describeRule(entry.rule)}\n  id ${entry.id}\n  expires ${entry.expiresAt.toISOString()}`,
      )
      return
    }
    case 'unrevoke': {
      const removed = await store.remove(command.id)
      print({ removed, id: command.id }, removed ? `removed ${command.id}` : `no rule ${command.id}`)
      return
    }
    case 'list': {
      const { rules, refused } = await store.list()
      const text = [
        rules.length === 0 ? 'no active rules' : `${rules.length} active rule(s):\n${rules.map(line).join('\n')}`,
        ...refused.map((r) => `REFUSED ${r.id}: ${r.reason}`),
      ].join('\n')
      print({ rules, refused }, text)
      return
    }
    case 'clear': {
      const removed = await store.clear()
      print({ removed }, `removed ${removed} rule(s)`)
    }
  }
}

/**
 * Runs `m2m-guard` with arguments and returns its exit code: 0 done, 1 Redis failed, 2 usage error.
 *
 * @param argv - The arguments after the program name.
 * @param io - Where to write.
 * @returns The exit code.
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), { out: console.log, err: console.error })
 */
export async function runCli(argv: readonly string[], io: CliOutput): Promise<number> {
  let command: CliCommand
  try {
    command = parseCliArgs(argv)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    io.err(`m2m-guard: ${error.message}\n\n${USAGE}`)
    return 2
  }
  if (command.name === 'help') {
    io.out(USAGE)
    return 0
  }
  const { redis, key, channel, maxTokenLifetime, json } = command.common
  const store = createRevocationStore({ url: redis, key, channel, maxTokenLifetime })
  try {
    await execute(command, store, io)
    return 0
  } catch (error) {
    const message = error instanceof TypeError ? error.message : `Redis failed: ${(error as Error).message}`
    io.err(json ? JSON.stringify({ ok: false, error: message }) : `m2m-guard: ${message}`)
    return error instanceof TypeError ? 2 : 1
  } finally {
    await store.close().catch(() => {})
  }
}
