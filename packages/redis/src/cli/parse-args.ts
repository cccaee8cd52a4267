import { parseArgs } from 'node:util'
import type { RevocationRule } from '@m2m-guard/core'

/** A command line, understood. */
export type CliCommand =
  | { readonly name: 'help' }
  | { readonly name: 'revoke'; readonly rule: RevocationRule; readonly common: CommonArgs }
  | { readonly name: 'unrevoke'; readonly id: string; readonly common: CommonArgs }
  | { readonly name: 'list'; readonly common: CommonArgs }
  | { readonly name: 'clear'; readonly common: CommonArgs }

/** Options every command takes. */
export interface CommonArgs {
  readonly redis: string
  readonly key: string | undefined
  readonly channel: string | undefined
  readonly json: boolean
  readonly maxTokenLifetime: number | undefined
}

/** A command line that cannot be run: exit code 2 with this message and the usage. */
export class UsageError extends Error {}

export const USAGE = `Usage: m2m-guard <command> --redis <url> [options]

Commands:
  revoke --client <id> [--before <ISO time>]     the client's tokens issued at or before the time (default: now);
                                                 for a Connected App, <id> is the app's client id
  revoke --subject <user|member> [--app <id>] [--before <ISO time>]
                                                 a user's or member's Connected Apps tokens (of one app with --app)
  revoke --jti <jti> --expires <ISO time>        one token, by its jti; the rule lasts until the token's exp
  unrevoke --id <rule id>                        removes one rule (ids are shown by list)
  list                                           the active rules, and stored values that are not valid rules
  clear --yes                                    removes every rule

Options:
  --redis <url>               redis:// or rediss:// URL (required)
  --reason <text>             why, kept with the rule (revoke)
  --key <name>                the hash of the rules (default m2m-guard:revocations)
  --channel <name>            the pub/sub channel (default m2m-guard:revocations)
  --max-token-lifetime <s>    longest token lifetime, for expiry (default 3600)
  --json                      one JSON object on stdout
  --help

Exit codes: 0 done, 1 Redis failed, 2 usage error.`

function common(values: Record<string, string | boolean | undefined>): CommonArgs {
  const redis = values.redis
  if (typeof redis !== 'string' || !/^rediss?:\/\//.test(redis))
    throw new UsageError('--redis <redis:// URL> is required')
  const lifetime = values['max-token-lifetime']
  const maxTokenLifetime = lifetime === undefined ? undefined : Number(lifetime)
  if (maxTokenLifetime !== undefined && !(Number.isInteger(maxTokenLifetime) && maxTokenLifetime > 0)) {
    throw new UsageError('--max-token-lifetime must be a positive number of seconds')
  }
  return {
    redis,
    key: values.key as string | undefined,
    channel: values.channel as string | undefined,
    json: values.json === true,
    maxTokenLifetime,
  }
}

function time(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined
  if (
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    throw new UsageError(`--${name} must be an ISO 8601 time with a zone, e.g. 2026-12-03T18:00:00Z`)
  }
  return value
}

function revokeRule(values: Record<string, string | boolean | undefined>): RevocationRule {
  const { client, subject, app, jti, reason } = values as Record<string, string | undefined>
  const given = [client, subject, jti].filter((v) => v !== undefined).length
  if (given !== 1) throw new UsageError('revoke takes exactly one of --client, --subject and --jti')
  const before = time(values.before as string | undefined, 'before')
  const extra = {
    ...(before === undefined ? {} : { issuedBefore: before }),
    ...(reason === undefined ? {} : { reason }),
  }
  if (client !== undefined) return { type: 'client', clientId: client, ...extra }
  if (subject !== undefined)
    return { type: 'subject', subject, ...(app === undefined ? {} : { clientId: app }), ...extra }
  const expires = time(values.expires as string | undefined, 'expires')
  if (expires === undefined) throw new UsageError('revoke --jti needs --expires <the token exp as an ISO time>')
  return { type: 'token', jti: jti as string, expiresAt: expires, ...(reason === undefined ? {} : { reason }) }
}

/**
 * Reads the command line of `m2m-guard`.
 *
 * @param argv - The arguments after the program name.
 * @returns The command.
 * @throws {UsageError} for an unknown command or option, or a missing or bad value.
 * @example
 * parseCliArgs(['revoke', '--client', 'm2m-client-live-1', '--redis', 'redis://127.0.0.1:6379'])
 */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        redis: { type: 'string' },
        client: { type: 'string' },
        subject: { type: 'string' },
        app: { type: 'string' },
        jti: { type: 'string' },
        expires: { type: 'string' },
        before: { type: 'string' },
        reason: { type: 'string' },
        id: { type: 'string' },
        key: { type: 'string' },
        channel: { type: 'string' },
        'max-token-lifetime': { type: 'string' },
        json: { type: 'boolean' },
        yes: { type: 'boolean' },
        help: { type: 'boolean' },
      },
    })
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const values = parsed.values as Record<string, string | boolean | undefined>
  const { positionals } = parsed
  if (values.help === true || positionals.length === 0) return { name: 'help' }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`)
  const command = positionals[0]
  switch (command) {
    case 'revoke':
      return { name: 'revoke', rule: revokeRule(values), common: common(values) }
    case 'unrevoke':
      if (typeof values.id !== 'string' || values.id === '') throw new UsageError('unrevoke needs --id <rule id>')
      return { name: 'unrevoke', id: values.id, common: common(values) }
    case 'list':
      return { name: 'list', common: common(values) }
    case 'clear':
      if (values.yes !== true) throw new UsageError('clear removes every rule: confirm with --yes')
      return { name: 'clear', common: common(values) }
    default:
      throw new UsageError(`unknown command "${command}"`)
  }
}
