import type { M2MAuth } from '../verify/m2m-auth.js'
import type { RevocationRule } from './revocation-rule.js'

/**
 * What a revocation source reports, for logs and alerts. `source` names the kind (`memory`, `file`, `redis`).
 * Events never carry a token or a secret; `rule-refused` names the rule by its id (or position) only.
 */
export type RevocationEvent =
  | { readonly type: 'connect'; readonly source: string }
  | { readonly type: 'disconnect'; readonly source: string; readonly message: string }
  | { readonly type: 'resync'; readonly source: string; readonly rules: number; readonly refused: number }
  | { readonly type: 'rule-refused'; readonly source: string; readonly id: string; readonly reason: string }
  | { readonly type: 'store-empty'; readonly source: string; readonly kept: number }
  | {
      readonly type: 'stale'
      readonly source: string
      readonly staleSeconds: number
      /** Whether every token is now refused with `ERR_REVOCATIONS_UNAVAILABLE` (503). */
      readonly failClosed: boolean
    }
  | { readonly type: 'expired'; readonly source: string; readonly removed: number }
  | { readonly type: 'error'; readonly source: string; readonly message: string; readonly cause?: unknown }

/** One active rule as `list()` shows it. */
export interface RevocationEntry {
  /** Stable id (see `revocationId`). */
  readonly id: string
  /** The rule, times as ISO strings. */
  readonly rule: RevocationRule
  /** When the rule drops out on its own: no token it covers can still be valid then. */
  readonly expiresAt: Date
}

/**
 * Where a verifier learns which tokens are revoked. The verifier calls `check` on every verification, cache hits
 * included, so it must answer synchronously from memory; sources keep their rules up to date in the background.
 * The built-in ones: `createRevocationList()` (in code), `fileRevocations()` (a watched JSON file) and
 * `redisRevocations()` from `@m2m-guard/redis`.
 */
export interface RevocationSource {
  /**
   * Whether a verified token is revoked. Synchronous and O(1) in the number of rules.
   *
   * @param auth - The verified result.
   * @param token - The token string (canonical base64url: core refuses any other spelling).
   * @param cached - Whether `auth` came from the verifier's token cache: the same object will be checked again on
   *   later hits, so a source may remember it found it clean. `false` for a token verified just now.
   * @returns `true` when a rule covers the token.
   * @throws {RevocationsUnavailableError} `ERR_REVOCATIONS_UNAVAILABLE` when the source cannot vouch for its rules
   *   (e.g. Redis unreachable for longer than `failClosedAfter`).
   */
  check(auth: M2MAuth, token: string, cached?: boolean): boolean
  /** Resolves once the first set of rules is loaded (`verifier.warm()` waits for it). Never rejects. */
  ready(): Promise<void>
  /** Stops watching and closes connections the source opened. */
  close(): Promise<void>
  /**
   * Listens to the source's events.
   *
   * @param listener - Called with every event; exceptions it throws are ignored.
   * @returns A function that stops listening.
   */
  subscribe(listener: (event: RevocationEvent) => void): () => void
}
