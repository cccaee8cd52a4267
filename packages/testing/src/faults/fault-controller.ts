import { checkChoice, checkNames, checkNumber, isOptionsObject, type OptionNames } from '@m2m-guard/core/options'
import type { RouteGroup } from '../http/router.js'

/** What an endpoint does on its next hits. */
export type FaultMode = 'ok' | 'error' | 'rate-limit' | 'network' | 'timeout' | 'slow' | 'garbage'

/** What the JWKS endpoint does on its next hits: any {@link FaultMode}, or `'empty'` (a valid set with no keys). */
export type JwksFaultMode = FaultMode | 'empty'

/** Details of a fault. */
export interface FaultOptions {
  /** `'error'`: the HTTP status. Default 500. */
  status?: number | undefined
  /** `'slow'`: milliseconds before the normal answer (a timer, so fake timers control it). Default 1000. */
  delay?: number | undefined
  /** `'rate-limit'`: seconds sent in `Retry-After`. Default 1. */
  retryAfter?: number | undefined
  /** How many hits the fault affects before the endpoint answers normally again. Default: until changed. */
  times?: number | undefined
}

/**
 * Fault injection, per endpoint group. Modes:
 *
 * - `'ok'`: answer normally.
 * - `'error'`: an error response with `options.status` (default 500) in the endpoint's error shape.
 * - `'rate-limit'`: 429 with `Retry-After: options.retryAfter`.
 * - `'network'`: a network error (msw: a failed fetch; the HTTP server: the socket is destroyed).
 * - `'timeout'`: never answers until the request is aborted or `faults.reset()` is called.
 * - `'slow'`: answers normally after `options.delay` ms.
 * - `'garbage'`: 200 with `content-type: application/json` and a body that is not JSON.
 * - `'empty'` (JWKS only): 200 with `{"keys": []}`.
 *
 * @example
 * ```ts
 * issuer.faults.jwks('error', { status: 503, times: 1 })
 * issuer.faults.token('rate-limit', { retryAfter: 5 })
 * issuer.faults.reset()
 * ```
 */
export interface Faults {
  /** Sets the fault of the three JWKS routes. @throws TypeError for an unknown mode or bad options. */
  jwks(mode: JwksFaultMode, options?: FaultOptions): void
  /** Sets the fault of the token endpoint. @throws TypeError for an unknown mode or bad options. */
  token(mode: FaultMode, options?: FaultOptions): void
  /** Sets the fault of the M2M client API. @throws TypeError for an unknown mode or bad options. */
  api(mode: FaultMode, options?: FaultOptions): void
  /** Every endpoint answers normally again; requests held by `'timeout'` fail with a network error. */
  reset(): void
}

/** Renders an injected error response in the shape of the group's endpoint. */
export type ErrorRenderer = (
  status: number,
  kind: 'error' | 'rate-limit',
  headers?: Record<string, string>,
  description?: string,
) => Response

/** What the engine does with a request after the fault is applied. */
export type FaultOutcome = { response: Response } | { response: undefined; emptyKeys: boolean }

interface ActiveFault {
  mode: JwksFaultMode
  options: FaultOptions
  remaining: number
}

const MODES: readonly FaultMode[] = ['ok', 'error', 'rate-limit', 'network', 'timeout', 'slow', 'garbage']
/** Names of {@link FaultOptions}, held to the type by the compiler. */
const FAULT_OPTION_NAMES = { status: true, delay: true, retryAfter: true, times: true } as const satisfies OptionNames<
  Required<FaultOptions>
>

/** Holds the configured faults and applies them to requests. Internal. */
export class FaultController implements Faults {
  readonly #active = new Map<RouteGroup, ActiveFault>()
  readonly #held = new Set<() => void>()

  jwks(mode: JwksFaultMode, options: FaultOptions = {}): void {
    this.#set('jwks', mode, options, [...MODES, 'empty'])
  }

  token(mode: FaultMode, options: FaultOptions = {}): void {
    this.#set('token', mode, options, MODES)
  }

  api(mode: FaultMode, options: FaultOptions = {}): void {
    this.#set('api', mode, options, MODES)
  }

  reset(): void {
    this.#active.clear()
    for (const release of this.#held) release()
  }

  /** Applies (and uses up one hit of) the group's fault. */
  async apply(group: RouteGroup, request: Request, renderError: ErrorRenderer): Promise<FaultOutcome> {
    const fault = this.#take(group)
    const proceed: FaultOutcome = { response: undefined, emptyKeys: false }
    switch (fault?.mode ?? 'ok') {
      case 'ok':
        return proceed
      case 'empty':
        return { response: undefined, emptyKeys: true }
      case 'slow':
        return (await this.#wait(request, fault!.options.delay ?? 1000)) ? proceed : { response: Response.error() }
      case 'timeout':
        await this.#wait(request, undefined)
        return { response: Response.error() }
      case 'network':
        return { response: Response.error() }
      case 'garbage':
        return {
          response: new Response('<!doctype html><title>502 Bad Gateway</title>', {
            status: 200,
            headers: { 'content-type': 'application/json' },
          }),
        }
      case 'rate-limit': {
        const retryAfter = String(fault!.options.retryAfter ?? 1)
        return { response: renderError(429, 'rate-limit', { 'retry-after': retryAfter }) }
      }
      default: {
        return { response: renderError(fault!.options.status ?? 500, 'error') }
      }
    }
  }

  // Messages name the call (`faults.jwks`) and the argument: `mode`, or the option by its own name.
  #set(group: RouteGroup, mode: JwksFaultMode, options: FaultOptions, allowed: readonly JwksFaultMode[]): void {
    const what = `faults.${group}`
    // `?? null`: a missing mode is refused too (checkChoice lets `undefined` through as "not set").
    checkChoice(mode ?? null, 'mode', allowed)
    if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${what}() must be an object`)
    checkNames(options, FAULT_OPTION_NAMES, what, '')
    checkNumber(options.status, 'status', { min: 400, max: 599, integer: true }, undefined)
    const nonNegative = { min: 0 }
    checkNumber(options.delay, 'delay', { ...nonNegative, unit: 'milliseconds' }, undefined)
    checkNumber(options.retryAfter, 'retryAfter', { ...nonNegative, unit: 'seconds' }, undefined)
    const times = checkNumber(options.times, 'times', nonNegative, undefined)
    this.#active.set(group, { mode, options: { ...options }, remaining: times ?? Number.POSITIVE_INFINITY })
  }

  #take(group: RouteGroup): ActiveFault | undefined {
    const fault = this.#active.get(group)
    if (fault === undefined) return undefined
    fault.remaining -= 1
    if (fault.remaining <= 0) this.#active.delete(group)
    return fault
  }

  // Resolves `true` after `ms` (never when `undefined`), `false` as soon as the request is aborted or reset() runs.
  #wait(request: Request, ms: number | undefined): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = ms === undefined ? undefined : setTimeout(() => settle(true), ms)
      const release = (): void => settle(false)
      const settle = (value: boolean): void => {
        clearTimeout(timer)
        request.signal.removeEventListener('abort', release)
        this.#held.delete(release)
        resolve(value)
      }
      if (request.signal.aborted) return settle(false)
      request.signal.addEventListener('abort', release, { once: true })
      this.#held.add(release)
    })
  }
}
