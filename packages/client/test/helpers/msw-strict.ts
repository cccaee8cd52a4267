/** What an unhandled request looks like to msw 3's `onUnhandledFrame` callback (msw 2's types do not have it). */
interface UnhandledFrame {
  frame: { data: { request?: Request } }
  defaults: { error(): unknown }
}

/**
 * msw options that fail every request no handler answered, except those `passes` lets through, on msw 2 and 3:
 * - msw 2 reads `onUnhandledRequest`; msw 3 renamed it `onUnhandledFrame` and silently ignores the old name (its
 *   default only warns, and the request goes out to the network), so both names are given.
 * - Callbacks, not the `'error'` strategy: both majors exempt "common assets" from the strategy, and their list
 *   matches any path ending in `.json`, such as `/.well-known/jwks.json`, which would then reach the network.
 * - In msw 3 `defaults.error()` only prints. Throwing fails the request: a thrown `Response` is answered as is, and
 *   `Response.error()` makes the caller's fetch reject as a network error, as msw 2's `print.error()` does (any
 *   other thrown value would become a 500 answer).
 *
 * Return it into a variable or pass the call's result, never an object literal, so msw 2's types accept the msw 3
 * name.
 */
export function unhandledIsError(passes: (url: URL) => boolean = () => false) {
  return {
    onUnhandledRequest: (request: Request, print: { error(): void }): void => {
      if (!passes(new URL(request.url))) print.error()
    },
    onUnhandledFrame: async ({ frame, defaults }: UnhandledFrame): Promise<void> => {
      const request = frame.data.request
      if (request !== undefined && passes(new URL(request.url))) return
      await defaults.error()
      throw Response.error()
    },
  }
}

/** Every request no handler answered fails (see {@link unhandledIsError}). */
export const UNHANDLED_IS_ERROR = unhandledIsError()
