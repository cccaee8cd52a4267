import { createM2M, type M2M } from '@m2m-guard/web'
import { stytchOptionsFrom } from './stytch-env'

let instance: M2M | undefined

/**
 * The app's one guard, shared by every route: one verifier, so one key cache and one token cache per server
 * process. Created on first use rather than at import, because `next build` imports every route module and the
 * project is run-time configuration (the same build can serve a test and a live project).
 *
 * @returns The guard.
 * @throws {Error} when `STYTCH_PROJECT_ID` is not set; {TypeError} naming the option when a value is invalid.
 * @example
 * export const GET = onFirstRequest(() => m2m().withM2M(handler, { requiredScopes: ['read:users'] }))
 */
export function m2m(): M2M {
  instance ??= createM2M(stytchOptionsFrom(process.env))
  return instance
}

/**
 * A route handler made by `create` on its first request, then reused: `withM2M` validates a route's options and
 * derives its guard once, not per request, and not during `next build`.
 *
 * @param create - Makes the handler, e.g. `() => m2m().withM2M(handler, route)`.
 * @returns The handler to export as `GET`, `POST`, ….
 * @example
 * export const GET = onFirstRequest(() => m2m().withM2M((request, auth) => Response.json({ caller: auth.clientId })))
 */
export function onFirstRequest<Args extends unknown[]>(
  create: () => (...args: Args) => Response | Promise<Response>,
): (...args: Args) => Response | Promise<Response> {
  let handler: ((...args: Args) => Response | Promise<Response>) | undefined
  return (...args) => {
    handler ??= create()
    return handler(...args)
  }
}
