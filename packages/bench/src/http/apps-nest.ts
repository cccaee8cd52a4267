import 'reflect-metadata'
import type { Verifier } from '@m2m-guard/core'
import { M2M, M2MGuard, M2MGuardModule, RequireScopes } from '@m2m-guard/nestjs'
import { Controller, Get, Module, type Type, UseGuards } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { REQUIRED_SCOPE } from '../fixtures/project.js'
import { ANONYMOUS, type RunningApp } from './apps.js'
import { ROUTE } from './http-case.js'

// Decorated by hand: the bench is compiled without `experimentalDecorators`.
function usersController(protectedRoute: boolean, fused: boolean): Type<unknown> {
  class UsersController {
    list(caller: string | null) {
      return { caller: caller ?? ANONYMOUS }
    }
  }
  const proto = UsersController.prototype
  const handler: MethodDecorator[] = [Get(ROUTE)]
  if (protectedRoute) {
    M2M('clientId')(proto, 'list', 0)
    if (!fused) handler.push(RequireScopes(REQUIRED_SCOPE))
  }
  Reflect.decorate(handler, proto, 'list', Object.getOwnPropertyDescriptor(proto, 'list'))
  Reflect.decorate(protectedRoute ? [Controller(), UseGuards(M2MGuard)] : [Controller()], UsersController)
  return UsersController
}

/**
 * NestJS 11 on the Express platform: the same route, plain or behind `M2MGuard` with `@RequireScopes('read:users')`
 * (fused: the scope as a `M2MGuardModule.forRoot` option).
 *
 * @param verifier - The verifier to protect the route with; `undefined` for the plain app.
 * @param fused - Give the scope to the module instead of a `@RequireScopes` decorator.
 * @returns The running server.
 */
export async function startNestExpress(verifier: Verifier | undefined, fused = false): Promise<RunningApp> {
  class AppModule {}
  const imports =
    verifier === undefined
      ? []
      : [M2MGuardModule.forRoot(fused ? { verifier, requiredScopes: [REQUIRED_SCOPE] } : { verifier })]
  Module({ imports, controllers: [usersController(verifier !== undefined, fused)] })(AppModule)
  const app = await NestFactory.create(AppModule, new ExpressAdapter(), { logger: false })
  app.getHttpAdapter().getInstance().disable('x-powered-by')
  await app.listen(0, '127.0.0.1')
  const address = app.getHttpServer().address()
  if (address === null || typeof address === 'string') throw new Error('no port')
  return { port: address.port, close: () => app.close() }
}
