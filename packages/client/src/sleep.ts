import { TokenSourceClosedError } from './errors/error-classes.js'

/**
 * Waits, unless the token source closes first.
 *
 * @param seconds - How long to wait.
 * @param closeSignal - Aborted when the token source closes.
 * @returns Resolves after the wait.
 * @throws {TokenSourceClosedError} `ERR_SOURCE_CLOSED` when the source closes during the wait.
 */
export function sleep(seconds: number, closeSignal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (closeSignal.aborted) {
      reject(new TokenSourceClosedError())
      return
    }
    const onClose = (): void => {
      clearTimeout(timer)
      reject(new TokenSourceClosedError())
    }
    const timer = setTimeout(() => {
      closeSignal.removeEventListener('abort', onClose)
      resolve()
    }, seconds * 1000)
    closeSignal.addEventListener('abort', onClose, { once: true })
  })
}

/**
 * Settles with the promise, or rejects with the signal's reason as soon as the caller aborts (as `fetch` does).
 * Aborting only detaches this caller; a shared request keeps running for the others.
 *
 * @param promise - The shared work.
 * @param signal - The caller's signal, if any.
 * @returns The promise's value.
 */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return promise
  if (signal.aborted) {
    promise.catch(() => undefined) // Other callers may handle it; this one must not leave it unhandled.
    return Promise.reject(signal.reason)
  }
  return new Promise((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason)
    signal.addEventListener('abort', onAbort, { once: true })
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
