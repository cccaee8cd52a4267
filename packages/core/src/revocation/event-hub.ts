import type { RevocationEvent } from './revocation-source.js'

/**
 * The listeners of one source. A listener that throws is skipped, never the source: reporting must not stop a
 * snapshot from being applied or an instance from serving.
 */
export class EventHub {
  readonly #listeners = new Set<(event: RevocationEvent) => void>()

  /** @param onEvent - The factory's `onEvent` option, if any. */
  constructor(onEvent: ((event: RevocationEvent) => void) | undefined) {
    if (onEvent !== undefined) this.#listeners.add(onEvent)
  }

  /**
   * Adds a listener.
   *
   * @param listener - Called with every event.
   * @returns A function that removes it.
   */
  subscribe(listener: (event: RevocationEvent) => void): () => void {
    const wrapped = (event: RevocationEvent): void => listener(event)
    this.#listeners.add(wrapped)
    return () => {
      this.#listeners.delete(wrapped)
    }
  }

  /**
   * Sends an event to every listener.
   *
   * @param event - The event.
   */
  emit(event: RevocationEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event)
      } catch {
        // Ignored on purpose: see the class comment.
      }
    }
  }
}
