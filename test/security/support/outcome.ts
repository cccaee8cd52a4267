import { type M2MAuth, M2MAuthError, type M2MErrorCode } from '@m2m-guard/core'

/** What a verification produced, in the terms the corpus expects. */
export interface Outcome {
  status: number
  /** The error code, `null` on success. */
  code: M2MErrorCode | null
  /** The RFC 6750 `error` attribute of the challenge, `null` when none. */
  wwwError: string | null
  /** The result on success. */
  auth?: M2MAuth
  /** The error on failure. */
  error?: M2MAuthError
}

/**
 * Settles a verification. Anything thrown that is not an `M2MAuthError` is a bug and is rethrown.
 *
 * @param pending - `verify()` or `authenticate()`.
 * @returns The outcome.
 */
export async function outcomeOf(pending: Promise<M2MAuth | null>): Promise<Outcome> {
  try {
    const auth = await pending
    if (auth === null) throw new Error('authenticate resolved to null for a required token')
    return { status: 200, code: null, wwwError: null, auth }
  } catch (error) {
    if (!(error instanceof M2MAuthError)) throw error
    return { status: error.status, code: error.code, wwwError: error.error ?? null, error }
  }
}

/** A `fetch` that records the URL of every call before passing it on to `inner` (default: the global fetch). */
export function recordingFetch(urls: string[], inner: typeof fetch = fetch): typeof fetch {
  return (input, init) => {
    urls.push(input instanceof Request ? input.url : String(input))
    return inner(input, init)
  }
}
