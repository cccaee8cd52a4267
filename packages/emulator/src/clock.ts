/**
 * The emulator's clock: real time plus an offset the admin API sets. Every project's `iat`/`exp` and the key ages
 * read it, so a test can jump ahead an hour to see its tokens expire without waiting.
 */
export class EmulatorClock {
  #offsetMs = 0
  readonly #realNow: () => number

  /**
   * @param realNow - The real time source (injectable for tests). Default `Date.now`.
   */
  constructor(realNow: () => number = Date.now) {
    this.#realNow = realNow
  }

  /** The emulator's current time in milliseconds. */
  readonly now = (): number => this.#realNow() + this.#offsetMs

  /** Milliseconds the clock is ahead of (positive) or behind (negative) real time. */
  get offsetMs(): number {
    return this.#offsetMs
  }

  /** Makes the clock read `ms` now and keep ticking from there. */
  set(ms: number): void {
    this.#offsetMs = ms - this.#realNow()
  }

  /** Moves the clock by `ms` (negative goes back). */
  advance(ms: number): void {
    this.#offsetMs += ms
  }

  /** Back to real time. */
  reset(): void {
    this.#offsetMs = 0
  }
}
