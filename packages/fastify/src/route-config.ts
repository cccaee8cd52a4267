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
const compiled = new WeakMap<M2MRouteConfig, RouteRules>()

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

/**
 * The validated rules of a route's `config.m2m`, compiled once per config object.
 *
 * @param config - The route's `config.m2m`.
 * @param base - The plugin's authentication options.
 * @returns The rules.
 * @throws {TypeError} naming the option, when the config is invalid.
 */
export function routeRules(config: M2MRouteConfig, base: AuthenticateOptions): RouteRules {
  let rules = compiled.get(config)
  if (rules === undefined) {
    rules = compile(config, base)
    compiled.set(config, rules)
  }
  return rules
}
