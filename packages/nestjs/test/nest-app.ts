import 'reflect-metadata'
import type { Type } from '@nestjs/common'
import * as common from 'nest11-common'
import { APP_GUARD } from 'nest11-core'
import { M2M, M2MGuard, Public, RequireScopes } from '../src/index.js'

/**
 * The README's controller, decorated by hand (the tests are not compiled with `experimentalDecorators`):
 * a controller requiring `admin:*`, a handler overriding it with `read:users`, a public one and one that reads
 * `@M2M('clientId')`.
 */
export function usersController(): Type<unknown> {
  class UsersController {
    list(clientId: string) {
      return { clientId }
    }
    health() {
      return { status: 'ok' }
    }
    admin(clientId: string) {
      return { admin: clientId }
    }
  }
  const proto = UsersController.prototype
  const decorate = (method: 'list' | 'health' | 'admin', decorators: MethodDecorator[]) =>
    Reflect.decorate(decorators, proto, method, Object.getOwnPropertyDescriptor(proto, method))
  M2M('clientId')(proto, 'list', 0)
  M2M('clientId')(proto, 'admin', 0)
  decorate('list', [common.Get('users'), RequireScopes('read:users')])
  decorate('health', [common.Get('health'), Public()])
  decorate('admin', [common.Get('admin')])
  Reflect.decorate([common.Controller(), RequireScopes('admin:*')], UsersController)
  return UsersController
}

/** An app module with `M2MGuard` registered globally through `APP_GUARD`. */
export function appModule(imports: unknown[]): Type<unknown> {
  class AppModule {}
  common.Module({
    imports: imports as never,
    controllers: [usersController()],
    providers: [{ provide: APP_GUARD, useClass: M2MGuard }],
  })(AppModule)
  return AppModule
}
