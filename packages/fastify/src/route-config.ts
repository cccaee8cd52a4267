import type { Guard, RouteOptions } from '@m2m-guard/core/adapter'

/**
 * Per-route settings, under `config: { m2m: { … } }` in the route options: `requiredScopes` (all-of) and
 * `anyScopes` (any-of) on top of the plugin's, `maxTokenAge` and `required` replacing the plugin's. The names are
 * the option names of `m2mAuth` and `authenticate()`; `scopes` (0.1) is refused with a suggestion.
 */
export interface M2MRouteConfig extends RouteOptions {
  /** Renamed `requiredScopes` (the name every other option list uses); refused at route registration. */
  scopes?: never
}

/** Looks up the guard of a route's `config.m2m` for one plugin instance. */
export type RouteGuardOf = (config: M2MRouteConfig) => Guard

/**
 * A compiler of route configs for ONE plugin instance: each config object is validated and compiled once into a
 * guard derived from `guard`, and cached in a map that only this instance reads. A module-wide cache keyed by the
 * config object would hand a second guard (a sibling context, or another app built from the same route table) the
 * rules compiled with the first guard's options (issue 11).
 *
 * @param guard - The plugin instance's guard.
 * @returns The look-up; it throws a `TypeError` naming the option when a config is invalid.
 * @example
 * const guardOf = routeGuardsFor(guard)
 * const result = guardOf(request.routeOptions.config.m2m).authenticate(request.raw)
 */
export function routeGuardsFor(guard: Guard): RouteGuardOf {
  const compiled = new WeakMap<M2MRouteConfig, Guard>()
  return (config) => {
    let derived = compiled.get(config)
    if (derived === undefined) {
      derived = guard.derive(config, 'config.m2m.')
      compiled.set(config, derived)
    }
    return derived
  }
}
