import type { M2MErrorCode } from '../errors/error-codes.js'
import { checkFunction } from '../options/check-values.js'
import { nodeBuiltin } from '../runtime/node-builtins.js'
import type { M2MAuth } from '../verify/m2m-auth.js'
import { DECISION_CHANNEL, type Decision } from './decision.js'

type DiagnosticsChannel = typeof import('node:diagnostics_channel')
/** `undefined` on runtimes without `node:diagnostics_channel`: then only `onDecision` hears decisions. */
const channel = nodeBuiltin<DiagnosticsChannel>('node:diagnostics_channel')?.channel(DECISION_CHANNEL)

function failure(error: unknown, cached: boolean, durationMs: number): Decision {
  const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown }
  const coded = typeof code === 'string' && code.startsWith('ERR_') && typeof status === 'number'
  return Object.freeze({
    outcome: coded && (status as number) < 500 ? 'deny' : 'error',
    ...(coded ? { code: code as M2MErrorCode } : {}),
    cached,
    durationMs,
  })
}

function success(auth: M2MAuth, cached: boolean, durationMs: number): Decision {
  return Object.freeze(
    auth.kind === 'connected-app'
      ? { outcome: 'allow', kind: auth.kind, clientId: auth.clientId, subject: auth.subject, cached, durationMs }
      : { outcome: 'allow', kind: auth.kind, clientId: auth.clientId, cached, durationMs },
  )
}

/**
 * Publishes a verifier's decisions on {@link DECISION_CHANNEL} and to its `onDecision` option. With neither
 * listening, `start()` is one property read and nothing else is built, so an unobserved verifier pays nothing.
 */
export class DecisionPublisher {
  readonly #onDecision: ((decision: Decision) => void) | undefined

  /** @param onDecision - The verifier's `onDecision` option (checked here). */
  constructor(onDecision: unknown) {
    this.#onDecision = checkFunction(onDecision as ((decision: Decision) => void) | undefined, 'onDecision')
  }

  /**
   * Call first: the start time when someone listens, `-1` otherwise (then skip every other call).
   *
   * @returns A `performance.now()` timestamp or `-1`.
   */
  start(): number {
    return this.#onDecision !== undefined || channel?.hasSubscribers === true ? performance.now() : -1
  }

  /**
   * Publishes the outcome of an asynchronous call once it settles; the promise handed back to the caller is the
   * original one, untouched. `null` (no token, not required) is not a decision.
   *
   * @param result - The call's promise.
   * @param cached - Whether it was answered from the token cache.
   * @param started - What {@link start} returned.
   */
  settle(result: Promise<M2MAuth | null>, cached: boolean, started: number): void {
    result.then(
      (auth) => {
        if (auth !== null) this.#publish(success(auth, cached, performance.now() - started))
      },
      (error: unknown) => this.#publish(failure(error, cached, performance.now() - started)),
    )
  }

  /**
   * Publishes a synchronous outcome.
   *
   * @param auth - The result, or `null`/`undefined` for no decision (no token; not cached).
   * @param error - The error thrown, when it failed.
   * @param cached - Whether it was answered from the token cache.
   * @param started - What {@link start} returned.
   */
  now(auth: M2MAuth | null | undefined, error: unknown, cached: boolean, started: number): void {
    const durationMs = performance.now() - started
    if (error !== undefined) this.#publish(failure(error, cached, durationMs))
    else if (auth !== null && auth !== undefined) this.#publish(success(auth, cached, durationMs))
  }

  #publish(decision: Decision): void {
    if (channel?.hasSubscribers === true) channel.publish(decision)
    try {
      this.#onDecision?.(decision)
    } catch {
      // Observability never changes an outcome: an exception in onDecision is dropped.
    }
  }
}
