import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkFunction, checkNumber, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { EventHub } from './event-hub.js'
import { RevocationIndex } from './revocation-index.js'
import {
  type NormalRule,
  parseRevocationRule,
  type RevocationRule,
  revocationId,
  storedRule,
} from './revocation-rule.js'
import type { RevocationEntry, RevocationEvent, RevocationSource } from './revocation-source.js'
import { canHashTokens } from './token-hash.js'

/**
 * The largest `clockTolerance` a verifier accepts. Rules outlive the tokens they cover by this much, so no verifier,
 * whatever its tolerance, still accepts a token whose rule is gone.
 */
export const MAX_CLOCK_TOLERANCE = 300

/** Options of {@link createRevocationList} (and of the file and Redis sources, which build on it). */
export interface RevocationListOptions {
  /**
   * The longest lifetime (`exp - iat`, seconds) of any token the verifier accepts: a client or subject rule is
   * dropped `maxTokenLifetime` + 300 s after its `issuedBefore`, when no token it covers can still be valid. Stytch
   * M2M tokens live 3600 s; raise it to the longest `access_token_expiry_minutes` of your Connected Apps. From 1 to
   * 2592000 (30 days). Default 3600.
   */
  maxTokenLifetime?: number | undefined
  /** Rules to start with. */
  rules?: readonly RevocationRule[] | undefined
  /** Receives the source's events. */
  onEvent?: ((event: RevocationEvent) => void) | undefined
  /** Name of the source in events. Default `"memory"`. */
  name?: string | undefined
  /** Current time in milliseconds; for tests. Default `Date.now`. */
  clock?: (() => number) | undefined
}

/** What {@link RevocationList.replace} did. */
export interface ReplaceResult {
  /** Rules active afterwards. */
  readonly rules: number
  /** Ids (or positions) of the rules refused, with why. */
  readonly refused: readonly { readonly id: string; readonly reason: string }[]
}

/** The in-memory revocation source: rules added and removed in code, or the basis of another source. */
export interface RevocationList extends RevocationSource {
  /**
   * Adds a rule (a rule with the same id is replaced).
   *
   * @param rule - The rule; `issuedBefore` defaults to now.
   * @param id - Its id; default {@link revocationId}.
   * @returns The id.
   * @throws {TypeError} when the rule is invalid.
   */
  add(rule: RevocationRule, id?: string): string
  /**
   * Removes a rule.
   *
   * @param id - The id `add` returned.
   * @returns Whether it was there.
   */
  remove(id: string): boolean
  /** The active rules (expired ones are dropped first). */
  list(): RevocationEntry[]
  /** Removes every rule. */
  clear(): void
  /**
   * Replaces every rule with a snapshot (a file's content, a Redis hash). Each entry is checked like a stored rule
   * (`issuedBefore` required); a refused one is reported with a `rule-refused` event naming its id, and when a rule
   * with that id was active it stays as it was: a bad write never revokes more or less than the last good one.
   *
   * @param entries - `[id, rule]` pairs, rules as parsed from JSON.
   * @returns What was applied.
   */
  replace(entries: Iterable<readonly [string, unknown]>): ReplaceResult
  /**
   * Adds or replaces one stored rule (a live update); a refused one is reported and the active one kept.
   *
   * @param id - Its id.
   * @param value - The rule as parsed from JSON.
   * @returns Whether it was applied.
   */
  apply(id: string, value: unknown): boolean
  /**
   * Sends an event to the list's listeners: sources built on a list (file, Redis) report their own events here.
   *
   * @param event - The event.
   */
  report(event: RevocationEvent): void
  /** Number of active rules. */
  readonly size: number
}

const LIST_OPTION_NAMES: OptionNames<RevocationListOptions> = {
  maxTokenLifetime: true,
  rules: true,
  onEvent: true,
  name: true,
  clock: true,
}
const ID = /^[\x21-\x7e]{1,1024}$/
/** Checks between two looks at the clock for expired rules: reading the clock on every call costs more than a lookup. */
const PRUNE_EVERY = 1024

class MemoryRevocations implements RevocationList {
  readonly #index = new RevocationIndex()
  readonly #events: EventHub
  readonly #name: string
  readonly #lifetime: number
  readonly #clock: () => number
  #checks = 0

  constructor(options: RevocationListOptions, what: string) {
    if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
    checkNames(options, LIST_OPTION_NAMES, what, '')
    this.#lifetime = checkNumber(
      options.maxTokenLifetime,
      'maxTokenLifetime',
      { min: 1, max: 2_592_000, unit: 'seconds' },
      3600,
    )
    this.#events = new EventHub(checkFunction(options.onEvent, 'onEvent'))
    this.#clock = checkFunction(options.clock, 'clock', 'a function returning milliseconds') ?? Date.now
    if (options.name !== undefined && (typeof options.name !== 'string' || options.name === '')) {
      invalidOption('name', 'a non-empty string')
    }
    this.#name = options.name ?? 'memory'
    if (options.rules !== undefined && !Array.isArray(options.rules)) invalidOption('rules', 'an array of rules')
    for (const rule of options.rules ?? []) this.add(rule)
  }

  get size(): number {
    return this.#index.size
  }

  check(auth: M2MAuth, token: string, cached = false): boolean {
    if (++this.#checks === PRUNE_EVERY) {
      this.#checks = 0
      this.#prune()
    }
    return this.#index.check(auth, token, cached)
  }

  add(rule: RevocationRule, id?: string): string {
    const parsed = parseRevocationRule(rule, this.#now())
    if (!parsed.ok) throw new TypeError(`m2m-guard: invalid revocation rule: ${parsed.reason}`)
    const ruleId = id ?? revocationId(parsed.rule)
    if (typeof ruleId !== 'string' || !ID.test(ruleId))
      invalidOption('id', 'a string of 1 to 1024 visible ASCII characters')
    this.#assertHashable(parsed.rule)
    this.#index.set(ruleId, parsed.rule, this.#expiry(parsed.rule))
    return ruleId
  }

  remove(id: string): boolean {
    return this.#index.delete(id)
  }

  list(): RevocationEntry[] {
    this.#prune()
    return [...this.#index.entries()].map(([id, { rule, expiresAt }]) => ({
      id,
      rule: storedRule(rule),
      expiresAt: new Date(expiresAt * 1000),
    }))
  }

  clear(): void {
    this.#index.clear()
  }

  replace(entries: Iterable<readonly [string, unknown]>): ReplaceResult {
    const accepted: [string, NormalRule][] = []
    const refused: { id: string; reason: string }[] = []
    for (const [id, value] of entries) {
      const reason = this.#refusal(id, value)
      if (typeof reason === 'string') refused.push({ id, reason })
      else accepted.push([id, reason])
    }
    const kept = refused.flatMap(({ id }) => {
      const active = this.#index.get(id)
      return active === undefined ? [] : [[id, active.rule] as [string, NormalRule]]
    })
    this.#index.clear()
    for (const [id, rule] of [...accepted, ...kept]) this.#index.set(id, rule, this.#expiry(rule))
    for (const { id, reason } of refused) this.#emit({ type: 'rule-refused', source: this.#name, id, reason })
    this.#prune()
    this.#emit({ type: 'resync', source: this.#name, rules: this.#index.size, refused: refused.length })
    return { rules: this.#index.size, refused }
  }

  apply(id: string, value: unknown): boolean {
    const outcome = this.#refusal(id, value)
    if (typeof outcome === 'string') {
      this.#emit({ type: 'rule-refused', source: this.#name, id, reason: outcome })
      return false
    }
    this.#index.set(id, outcome, this.#expiry(outcome))
    return true
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {}

  subscribe(listener: (event: RevocationEvent) => void): () => void {
    return this.#events.subscribe(listener)
  }

  /** The checked rule, or why it is refused. */
  #refusal(id: string, value: unknown): NormalRule | string {
    if (typeof id !== 'string' || !ID.test(id)) return 'the id must be 1 to 1024 visible ASCII characters'
    const parsed = parseRevocationRule(value)
    if (!parsed.ok) return parsed.reason
    if (!canHashTokens && parsed.rule.type === 'token' && parsed.rule.sha256 !== undefined) {
      return 'a rule by token hash needs node:crypto'
    }
    return parsed.rule
  }

  #assertHashable(rule: NormalRule): void {
    if (!canHashTokens && rule.type === 'token' && rule.sha256 !== undefined) {
      throw new TypeError('m2m-guard: a revocation rule by token hash needs node:crypto')
    }
  }

  report(event: RevocationEvent): void {
    this.#events.emit(event)
  }

  #emit(event: RevocationEvent): void {
    this.#events.emit(event)
  }

  #now(): number {
    return Math.floor(this.#clock() / 1000)
  }

  #expiry(rule: NormalRule): number {
    return (rule.type === 'token' ? rule.expiresAt : rule.issuedBefore + this.#lifetime) + MAX_CLOCK_TOLERANCE
  }

  #prune(): void {
    const removed = this.#index.prune(this.#now())
    if (removed > 0) this.#emit({ type: 'expired', source: this.#name, removed })
  }
}

/**
 * Creates an in-memory revocation source, to pass as a verifier's `revocations`. Rules take effect on the next
 * verification, cached tokens included, and drop out on their own once no token they cover can still be valid.
 *
 * @param options - See {@link RevocationListOptions}.
 * @returns The list.
 * @throws {TypeError} when an option or a starting rule is invalid.
 * @example
 * const revocations = createRevocationList()
 * const verifier = createStytchVerifier({ projectId, revocations })
 * revocations.add({ type: 'client', clientId: 'm2m-client-live-1' }) // every token it holds now
 */
export function createRevocationList(options: RevocationListOptions = {}): RevocationList {
  return new MemoryRevocations(options, 'createRevocationList')
}
