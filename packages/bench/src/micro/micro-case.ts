/** One verification implementation under test, with the way it is driven. */
export interface MicroCase {
  /** Stable identifier, for goals and `--case` filters. */
  readonly id: string
  /** Row label in the table. */
  readonly name: string
  /**
   * Verifies one token the way an application would: returns (or resolves) when accepted, throws (or rejects) when
   * rejected. Async cases return the library's own promise, unwrapped, so no extra async frame is timed.
   */
  readonly verify: (token: string) => unknown
  /**
   * The timed operation on the `index`-th benchmark token; defaults to `verify(tokens[index])`. It must throw on a
   * rejection too, so a run that starts failing aborts instead of timing failures.
   */
  readonly op?: (index: number) => unknown
  /** `op` is synchronous: called in a plain loop, never awaited. */
  readonly sync?: boolean
  /** Verifications in flight at once: 1 (awaited one by one) or more (batches through `Promise.all`). */
  readonly inFlight: number
  /** Runs once after the timed rounds (closes what the case opened). */
  readonly dispose?: () => void | Promise<void>
}

/** What a case factory gets: the benchmark tokens. */
export interface CaseContext {
  /** Distinct valid tokens, cycled through by every case. */
  readonly tokens: readonly string[]
}
