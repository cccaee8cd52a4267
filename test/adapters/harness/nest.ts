import 'reflect-metadata'
import {
  M2M,
  type M2MAuthOptions,
  M2MGuard,
  M2MGuardModule,
  MaxTokenAge,
  OptionalAuth,
  RequireAnyScope,
  RequireScopes,
} from '@m2m-guard/nestjs'
import type { ArgumentsHost, ExceptionFilter, INestApplication, Type } from 'nest11-common'
import * as common from 'nest11-common'
import { handlerBody, optionsFactory, preflightBody, type RouteSpec, renderFrameworkError } from '../routes.js'
import { type Harness, REQUEST_ID, recordHandled } from './harness.js'

/** The Nest platform: builds the app on its adapter and sends a custom filter's answer through its response. */
export interface NestPlatform {
  create(root: Type<unknown>): Promise<INestApplication>
  send(response: unknown, status: number, headers: Record<string, string>, body: unknown): void
}

type Decorator = ClassDecorator & MethodDecorator

/** The route's requirements as the decorators users write. */
function routeDecorators(route: RouteSpec): Decorator[] {
  const decorators: Decorator[] = []
  if (route.require) {
    const { rule, scopes } = route.require
    decorators.push(rule === 'all' ? RequireScopes(...scopes) : RequireAnyScope(...scopes))
  }
  if (route.options?.required === false) decorators.push(OptionalAuth())
  if (route.options?.maxTokenAge !== undefined) decorators.push(MaxTokenAge(route.options.maxTokenAge))
  return decorators
}

/** One feature module per route, each importing its own (non-global) `M2MGuardModule.forRoot`. */
function routeModule(
  route: RouteSpec,
  options: M2MAuthOptions,
  handled: Set<string>,
  platform: NestPlatform,
): Type<unknown> {
  class RouteController {
    get(caller: Parameters<typeof handlerBody>[1], id: string | undefined) {
      recordHandled(handled, id)
      return handlerBody(route.path, caller)
    }
    options(caller: Parameters<typeof preflightBody>[1], id: string | undefined) {
      recordHandled(handled, id)
      return preflightBody(route.path, caller)
    }
  }
  const proto = RouteController.prototype
  // Scope decorators on the controller, the others on the handlers: both levels are read.
  const decorators = routeDecorators(route)
  const scoped = route.require ? decorators[0] : undefined
  const perHandler = route.require ? decorators.slice(1) : decorators
  const classDecorators: ClassDecorator[] = [common.Controller(), common.UseGuards(M2MGuard)]
  if (scoped !== undefined) classDecorators.push(scoped)
  if (route.errorHandler === 'custom') {
    class CustomFilter implements ExceptionFilter {
      catch(error: unknown, host: ArgumentsHost) {
        const { status, headers, body } = renderFrameworkError(error)
        platform.send(host.switchToHttp().getResponse(), status, headers, body)
      }
    }
    common.Catch()(CustomFilter)
    classDecorators.push(common.UseFilters(CustomFilter))
  }
  for (const [method, verb] of [
    ['get', common.Get],
    ['options', common.Options],
  ] as const) {
    M2M()(proto, method, 0)
    common.Headers(REQUEST_ID)(proto, method, 1)
    const descriptor = Object.getOwnPropertyDescriptor(proto, method) as PropertyDescriptor
    Reflect.decorate([verb(route.path), ...perHandler], proto, method, descriptor)
  }
  Reflect.decorate(classDecorators, RouteController)
  const {
    required: _required,
    maxTokenAge: _maxTokenAge,
    ...moduleOptions
  } = options as { required?: unknown; maxTokenAge?: unknown }
  class RouteModule {}
  common.Module({
    imports: [M2MGuardModule.forRoot({ ...(moduleOptions as M2MAuthOptions), global: false })],
    controllers: [RouteController],
  })(RouteModule)
  return RouteModule
}

/** Nest 11 on the Express or the Fastify platform, with the routes as controllers and decorators. */
export function nestHarness(name: string, platform: NestPlatform): Harness {
  return {
    name,
    async start(routes, env) {
      const handled = new Set<string>()
      const optionsFor = optionsFactory(env)
      class AppModule {}
      common.Module({ imports: routes.map((route) => routeModule(route, optionsFor(route), handled, platform)) })(
        AppModule,
      )
      const app = await platform.create(AppModule)
      await app.listen(0, '127.0.0.1')
      const address = app.getHttpServer().address()
      const port = typeof address === 'object' && address !== null ? (address.port as number) : 0
      return { port, handled, close: () => app.close() }
    },
  }
}
