/**
 * A time in a revocation rule: an ISO 8601 date-time with a zone (`2026-12-03T18:00:00Z`), Unix seconds, or a `Date`.
 * Stored rules (file, Redis) always hold the ISO form.
 */
export type RevocationTime = string | number | Date

/**
 * Revokes every token of one client issued at or before `issuedBefore`: for an M2M token the client is `sub`, for a
 * Connected Apps token the app (`client_id`). Tokens the client gets afterwards (after the secret was rotated) work.
 */
export interface ClientRevocation {
  readonly type: 'client'
  /** The M2M client id, or the Connected App's client id. */
  readonly clientId: string
  /** Tokens with `iat` at or before this time are refused. Default (when adding one programmatically): now. */
  readonly issuedBefore?: RevocationTime | undefined
  /** Why, for people reading `list`; never used in a decision. */
  readonly reason?: string | undefined
}

/** Revokes the Connected Apps tokens of one user or member (`sub`), of every app or only of `clientId`. */
export interface SubjectRevocation {
  readonly type: 'subject'
  /** The user (`user-…`) or member (`member-…`). */
  readonly subject: string
  /** Only this app's tokens; every app's when left out. */
  readonly clientId?: string | undefined
  /** Tokens with `iat` at or before this time are refused. Default (when adding one programmatically): now. */
  readonly issuedBefore?: RevocationTime | undefined
  /** Why, for people reading `list`; never used in a decision. */
  readonly reason?: string | undefined
}

/**
 * Revokes one token: by its `jti` when it has one, otherwise by the SHA-256 of the token string (base64url, no
 * padding). Build one with `tokenRevocation(token)`.
 */
export interface TokenRevocation {
  readonly type: 'token'
  /** The token's `jti`. Exactly one of `jti` and `sha256`. */
  readonly jti?: string | undefined
  /** base64url SHA-256 of the whole token string. Exactly one of `jti` and `sha256`. */
  readonly sha256?: string | undefined
  /**
   * With `sha256`: the token's last 12 characters (a sliver of its signature, which grants nothing), so a check
   * hashes only tokens that end the same way instead of every token. `tokenRevocation()` fills it in.
   */
  readonly tail?: string | undefined
  /** The token's `exp`: after it (plus the largest clock tolerance) the rule is dropped. */
  readonly expiresAt: RevocationTime
  /** Why, for people reading `list`; never used in a decision. */
  readonly reason?: string | undefined
}

/** One revocation rule, as written by people and programs. */
export type RevocationRule = ClientRevocation | SubjectRevocation | TokenRevocation

/** A rule after checking: times in Unix seconds, every field known. Internal. */
export type NormalRule =
  | { readonly type: 'client'; readonly clientId: string; readonly issuedBefore: number; readonly reason?: string }
  | {
      readonly type: 'subject'
      readonly subject: string
      readonly clientId?: string
      readonly issuedBefore: number
      readonly reason?: string
    }
  | {
      readonly type: 'token'
      readonly jti?: string
      readonly sha256?: string
      readonly tail?: string
      readonly expiresAt: number
      readonly reason?: string
    }

/** The outcome of {@link parseRevocationRule}. */
export type ParsedRule =
  | { readonly ok: true; readonly rule: NormalRule }
  | { readonly ok: false; readonly reason: string }

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/
const SHA256_B64URL = /^[A-Za-z0-9_-]{43}$/
const TAIL = /^[A-Za-z0-9_-]{12}$/
const FIELDS: Readonly<Record<NormalRule['type'], readonly string[]>> = {
  client: ['type', 'clientId', 'issuedBefore', 'reason'],
  subject: ['type', 'subject', 'clientId', 'issuedBefore', 'reason'],
  token: ['type', 'jti', 'sha256', 'tail', 'expiresAt', 'reason'],
}
const MAX_TEXT = 512

class RuleError extends Error {}

function text(value: unknown, name: string, optional: boolean): string | undefined {
  if (value === undefined && optional) return undefined
  if (typeof value !== 'string' || value === '' || value.length > MAX_TEXT) {
    throw new RuleError(`"${name}" must be a non-empty string of at most ${MAX_TEXT} characters`)
  }
  return value
}

/** Unix seconds (whole, rounded down: `iat` is whole seconds, so `iat <= T` is `iat <= floor(T)`). */
function seconds(value: unknown, name: string): number {
  let ms: number
  if (value instanceof Date) ms = value.getTime()
  else if (typeof value === 'number') ms = value * 1000
  else if (typeof value === 'string' && ISO_DATE_TIME.test(value)) ms = Date.parse(value)
  else throw new RuleError(`"${name}" must be an ISO 8601 date-time with a zone, Unix seconds or a Date`)
  if (!Number.isFinite(ms) || ms < 0 || ms > 253_402_300_799_000) {
    throw new RuleError(`"${name}" must be a valid time between 1970 and 9999`)
  }
  return Math.floor(ms / 1000)
}

function parse(value: unknown, now: number | undefined): NormalRule {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RuleError('a rule must be an object')
  const record = value as Record<string, unknown>
  const type = record.type
  if (type !== 'client' && type !== 'subject' && type !== 'token') {
    throw new RuleError('"type" must be "client", "subject" or "token"')
  }
  // Unknown fields are refused, never ignored: a misspelt "clientID" must not become a rule that covers nothing.
  for (const name of Object.keys(record)) {
    if (!FIELDS[type].includes(name)) throw new RuleError(`unknown field "${name}" for a "${type}" rule`)
  }
  const reason = text(record.reason, 'reason', true)
  const common = reason === undefined ? {} : { reason }
  const issuedBefore = (): number => {
    if (record.issuedBefore === undefined && now !== undefined) return now
    return seconds(record.issuedBefore, 'issuedBefore')
  }
  if (type === 'client') {
    return { type, clientId: text(record.clientId, 'clientId', false)!, issuedBefore: issuedBefore(), ...common }
  }
  if (type === 'subject') {
    const clientId = text(record.clientId, 'clientId', true)
    return {
      type,
      subject: text(record.subject, 'subject', false)!,
      ...(clientId === undefined ? {} : { clientId }),
      issuedBefore: issuedBefore(),
      ...common,
    }
  }
  const jti = text(record.jti, 'jti', true)
  const sha256 = record.sha256
  if ((jti === undefined) === (sha256 === undefined))
    throw new RuleError('a "token" rule needs exactly one of "jti" and "sha256"')
  if (sha256 !== undefined && (typeof sha256 !== 'string' || !SHA256_B64URL.test(sha256))) {
    throw new RuleError('"sha256" must be the 43-character base64url SHA-256 of the token')
  }
  const tail = record.tail
  if (tail !== undefined && (sha256 === undefined || typeof tail !== 'string' || !TAIL.test(tail))) {
    throw new RuleError('"tail" must be the last 12 base64url characters of the token, with "sha256" only')
  }
  const expiresAt = seconds(record.expiresAt, 'expiresAt')
  return jti === undefined
    ? { type, sha256: sha256 as string, ...(tail === undefined ? {} : { tail: tail as string }), expiresAt, ...common }
    : { type, jti, expiresAt, ...common }
}

/**
 * Checks one rule strictly: unknown fields, wrong types, times without a zone and empty ids are refused, so a stored
 * rule never revokes more or less than was written.
 *
 * @param value - The rule, e.g. parsed from JSON.
 * @param now - Unix seconds filled in for a missing `issuedBefore` (rules added in code); `undefined` makes it
 *   required (stored rules).
 * @returns `{ ok: true, rule }` or `{ ok: false, reason }` (a fixed text naming the field, never the value).
 * @example
 * parseRevocationRule({ type: 'client', clientId: 'm2m-client-live-1', issuedBefore: '2026-12-03T18:00:00Z' })
 */
export function parseRevocationRule(value: unknown, now?: number): ParsedRule {
  try {
    return { ok: true, rule: parse(value, now) }
  } catch (error) {
    if (error instanceof RuleError) return { ok: false, reason: error.message }
    throw error
  }
}

/**
 * The stable id of a rule: the same rule gets the same id on every instance and every run, so writing it twice
 * stores it once.
 *
 * @param rule - A checked rule.
 * @returns e.g. `client:m2m-client-live-1@1796320800`.
 * @example
 * revocationId(parsed.rule)
 */
export function revocationId(rule: NormalRule): string {
  switch (rule.type) {
    case 'client':
      return `client:${rule.clientId}@${rule.issuedBefore}`
    case 'subject':
      return `subject:${rule.subject}:${rule.clientId ?? '*'}@${rule.issuedBefore}`
    case 'token':
      return rule.jti === undefined ? `sha256:${rule.sha256}` : `jti:${rule.jti}`
  }
}

const iso = (secondsValue: number): string => new Date(secondsValue * 1000).toISOString()

/**
 * A checked rule in its stored form: times as ISO strings (what the file and Redis sources hold).
 *
 * @param rule - A checked rule.
 * @returns A plain JSON-ready {@link RevocationRule}.
 * @example
 * JSON.stringify(storedRule(parsed.rule))
 */
export function storedRule(rule: NormalRule): RevocationRule {
  if (rule.type === 'token') return { ...rule, expiresAt: iso(rule.expiresAt) }
  return { ...rule, issuedBefore: iso(rule.issuedBefore) }
}
