import type { TokenSourceEvent } from '@m2m-guard/client'

/** Collects a token source's events and lets a test wait for the next one of a type. */
export function eventLog(): {
  events: TokenSourceEvent[]
  onEvent: (event: TokenSourceEvent) => void
  next: <T extends TokenSourceEvent['type']>(type: T) => Promise<Extract<TokenSourceEvent, { type: T }>>
  ofType: <T extends TokenSourceEvent['type']>(type: T) => Extract<TokenSourceEvent, { type: T }>[]
} {
  const events: TokenSourceEvent[] = []
  const waiters: { type: string; resolve: (event: TokenSourceEvent) => void }[] = []
  return {
    events,
    onEvent(event) {
      events.push(event)
      for (const waiter of waiters.filter((w) => w.type === event.type)) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(event)
      }
    },
    next: (type) =>
      new Promise((resolve) => waiters.push({ type, resolve: resolve as (event: TokenSourceEvent) => void })),
    ofType: (type) => events.filter((event) => event.type === type) as never,
  }
}
