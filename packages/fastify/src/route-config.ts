import type { AuthenticateOptions } from '@m2m-guard/core'
import { type ScopeGate, scopeGate } from '@m2m-guard/core'

/** Per-route settings, under `config: { m2m: { … } }` in the route options. */
export interface M2MRouteConfig {
  /** Scopes this route requires on top of the plugin's (all-of). */
  scopes?: readonly string[] | undefined
  /** Scopes of which this route requires one (any-of), on top of the plugin's. */
  anyScopes?: readonly string[] | undefined
  /** Overrides the plugin's `maxTokenAge` (seconds since `iat`) for this route. */
  maxTokenAge?: number | undefined
  /** Overrides the plugin's `required` for this route. */
  required?: boolean | undefined
}

/** A validated {@link M2MRouteConfig}. */
export interface RouteRules {
  /** Authentication options for this route. */
  readonly options: AuthenticateOptions
  /** Scope checks run after authentication. */
  readonly gates: readonly ScopeGate[]
}

const KEYS: ReadonlySet<string> = new Set(['scopes', 'anyScopes', 'maxTokenAge', 'required'])

function compile(config: M2MRouteConfig, base: AuthenticateOptions): RouteRules {
  if (typeof config !== 'object' || config === null) {
    throw new TypeError('m2m-guard: route option "config.m2m" must be an object')
  }
  for (const key of Object.keys(config)) {
    if (!KEYS.has(key)) throw new TypeError(`m2m-guard: route option "config.m2m" does not know "${key}"`)
  }
  const { scopes, anyScopes, maxTokenAge = base.maxTokenAge, required = base.required } = config
  if (maxTokenAge !== undefined && !(typeof maxTokenAge === 'number' && maxTokenAge >= 0 && maxTokenAge < Infinity)) {
    throw new TypeError('m2m-guard: option "config.m2m.maxTokenAge" must be a finite number of seconds >= 0')
  }
  if (typeof required !== 'boolean' && required !== undefined) {
    throw new TypeError('m2m-guard: option "config.m2m.required" must be a boolean')
  }
  const gates: ScopeGate[] = []
  if (scopes !== undefined) gates.push(scopeGate('all', scopes, 'config.m2m.scopes'))
  if (anyScopes !== undefined) gates.push(scopeGate('any', anyScopes, 'config.m2m.anyScopes'))
  return { options: { ...base, maxTokenAge, required }, gates }
}

/** Looks up the compiled rules of a route's `config.m2m` for one plugin instance. */
export type RouteRulesOf = (config: M2MRouteConfig) => RouteRules

/**
 * A compiler of route configs for ONE plugin instance: each config object is validated and compiled once, with
 * `base`, and cached in a map that only this instance reads. A module-wide cache keyed by the config object would
 * hand a second guard (a sibling context, or another app built from the same route table) the rules compiled with
 * the first guard's `required`, scopes, `maxTokenAge` and `realm` (issue 11).
 *
 * @param base - The plugin instance's authentication options.
 * @returns The look-up; it throws a `TypeError` naming the option when a config is invalid.
 * @example
 * const rulesOf = routeRulesFor(guard.options)
 * const rules = rulesOf(request.routeOptions.config.m2m)
 */
export function routeRulesFor(base: AuthenticateOptions): RouteRulesOf {
  const compiled = new WeakMap<M2MRouteConfig, RouteRules>()
  return (config) => {
    let rules = compiled.get(config)
    if (rules === undefined) {
      rules = compile(config, base)
      compiled.set(config, rules)
    }
    return rules
  }
}
