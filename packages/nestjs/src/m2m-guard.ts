import type { M2MAuth } from '@m2m-guard/core'
import type { Guard, GuardResult, RouteOptions } from '@m2m-guard/core/adapter'
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common'
import { Reflector } from '@nestjs/core'
import { M2MAuthException } from './m2m-auth-exception.js'
import { M2M_GUARD, METADATA } from './tokens.js'

/** The request as the guard sees it: Express's `req` is a Node message, Fastify's request has it as `raw`. */
interface NestRequest {
  raw?: unknown
  m2m?: M2MAuth | null
  method?: string
  rawHeaders?: readonly string[]
}

// biome-ignore lint/complexity/noBannedTypes: Nest's handlers and controller classes are plain functions.
type Target = Function

/**
 * Nest guard: authenticates the request with the module's verifier and the route's decorators
 * (`@RequireScopes`, `@RequireAnyScope`, `@OptionalAuth`, `@Public`, `@MaxTokenAge`), stores the caller for
 * `@M2M()`, and refuses with an {@link M2MAuthException} that `M2MExceptionFilter` renders (status,
 * `WWW-Authenticate`, `Cache-Control: no-store`, `Retry-After`, `{ error, error_description }`).
 *
 * Each decorator is read with `Reflector.getAllAndOverride([handler, class])`: the handler's value replaces the
 * controller's. The route's options are compiled once per handler (through the kit's `derive`) and kept in a
 * `WeakMap`, so a request costs one call to the kit. A CORS preflight passes unauthenticated.
 *
 * @example
 * \@Controller('users') \@UseGuards(M2MGuard)
 * export class UsersController { \@Get() \@RequireScopes('read:users') list(\@M2M() caller: M2MAuth) { … } }
 */
@Injectable()
export class M2MGuard implements CanActivate {
  // A Reflector of our own: it only reads the global metadata, and needs no injection (so no class identity
  // between two copies of @nestjs/core matters).
  readonly #reflector = new Reflector()
  readonly #guard: Guard
  /** Per controller class, per handler: the compiled route guard, or `null` for `@Public()`. */
  readonly #routes = new WeakMap<Target, WeakMap<Target, Guard | null>>()

  /** @param guard - The module's guard (`M2M_GUARD`), made by `M2MGuardModule.forRoot`. */
  constructor(@Inject(M2M_GUARD) guard: Guard) {
    this.#guard = guard
  }

  /**
   * @param context - Nest's execution context; other than HTTP (RPC, WebSockets) is let through.
   * @returns `true`, or a promise of it, when the request may go on.
   * @throws {M2MAuthException} for a refused request (400, 401, 403, 503); any other error (a bug) as it is.
   */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true
    const route = this.#route(context.getHandler(), context.getClass())
    if (route === null) return true
    const request = context.switchToHttp().getRequest<NestRequest>()
    const message = (request.raw ?? request) as NestRequest
    const result = route.authenticate(message)
    if ('then' in result) return result.then((settled) => settle(route, settled, request))
    return settle(route, result, request)
  }

  #route(handler: Target, controller: Target): Guard | null {
    let byHandler = this.#routes.get(controller)
    if (byHandler === undefined) {
      byHandler = new WeakMap()
      this.#routes.set(controller, byHandler)
    }
    let route = byHandler.get(handler)
    if (route === undefined) {
      route = this.#compile([handler, controller])
      byHandler.set(handler, route)
    }
    return route
  }

  #compile(targets: [Target, Target]): Guard | null {
    const read = <T>(key: string): T | undefined => this.#reflector.getAllAndOverride<T | undefined>(key, targets)
    if (read<boolean>(METADATA.public) === true) return null
    const options: RouteOptions = {
      requiredScopes: read<readonly string[]>(METADATA.requiredScopes),
      anyScopes: read<readonly string[]>(METADATA.anyScopes),
      maxTokenAge: read<number>(METADATA.maxTokenAge),
      required: read<boolean>(METADATA.optional) === true ? false : undefined,
    }
    const used = Object.values(options).some((value) => value !== undefined)
    return used ? this.#guard.derive(options, '@') : this.#guard
  }
}

function settle(route: Guard, result: GuardResult, request: NestRequest): true {
  if (result.ok) {
    request.m2m = result.auth
    return true
  }
  const response = route.render(result.error)
  // Not a coded error: a bug, for Nest's error handling as it is (500).
  if (response === undefined) throw result.error
  throw new M2MAuthException(response, result.error as { code: string }, route.delegate)
}
