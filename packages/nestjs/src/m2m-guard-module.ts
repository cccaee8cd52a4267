import { createGuard, type Guard, type M2MAuthOptions } from '@m2m-guard/core/adapter'
import {
  type DynamicModule,
  Inject,
  type MiddlewareConsumer,
  Module,
  type NestModule,
  type Provider,
  RequestMethod,
} from '@nestjs/common'
import { APP_FILTER } from '@nestjs/core'
import { M2MExceptionFilter } from './m2m-exception-filter.js'
import type { M2MGuardModuleAsyncOptions, M2MGuardModuleOptions } from './module-options.js'
import { metadataMiddleware } from './serve-metadata.js'
import { M2M_GUARD } from './tokens.js'

const FILTER: Provider = { provide: APP_FILTER, useClass: M2MExceptionFilter }

function checkSettings(value: unknown, name: string): boolean {
  if (value === undefined) return true
  if (typeof value !== 'boolean') throw new TypeError(`m2m-guard: option "global" of ${name}() must be a boolean`)
  return value
}

// biome-ignore lint/suspicious/noExplicitAny: Nest's own `imports` type.
function dynamicModule(guard: Provider, global: boolean, imports: any[]): DynamicModule {
  return { module: M2MGuardModule, global, imports, providers: [guard, FILTER], exports: [M2M_GUARD] }
}

/**
 * The Nest module: one verifier (and its key and token caches) per import, the `M2M_GUARD` provider `M2MGuard`
 * injects, and `M2MExceptionFilter` registered as a global filter. With `resourceMetadata` (from
 * `createResourceMetadata()`) it serves the RFC 9728 document at its well-known path, unauthenticated (a middleware,
 * so before any guard), and every 401/403 challenge names it in `resource_metadata`.
 *
 * @example
 * \@Module({ imports: [M2MGuardModule.forRoot({ projectId: process.env.STYTCH_PROJECT_ID! })] })
 * export class AppModule {}
 */
@Module({})
export class M2MGuardModule implements NestModule {
  readonly #guard: Guard

  /** @param guard - The module's guard (`M2M_GUARD`), injected by Nest. */
  constructor(@Inject(M2M_GUARD) guard: Guard) {
    this.#guard = guard
  }

  /**
   * Mounts the metadata document's middleware when the guard has `resourceMetadata`; nothing otherwise.
   *
   * @param consumer - Nest's middleware consumer.
   */
  configure(consumer: MiddlewareConsumer): void {
    const metadata = this.#guard.resourceMetadata
    if (metadata === undefined) return
    consumer.apply(metadataMiddleware(this.#guard)).forRoutes({ path: metadata.path, method: RequestMethod.ALL })
  }

  /**
   * Configures the module with the adapters' options, validated now: a bad option fails the app's start.
   *
   * @param options - `projectId` (or `verifier`), optional scopes, `maxTokenAge`, `required`, `realm`,
   *   `errorHandling`, `resourceMetadata`, and `global` (default `true`).
   * @returns The dynamic module.
   * @throws {TypeError} naming the option and `M2MGuardModule.forRoot` when an option is missing, unknown or invalid.
   * @example
   * M2MGuardModule.forRoot({ projectId: 'project-live-…', realm: 'billing' })
   */
  static forRoot(options: M2MGuardModuleOptions): DynamicModule {
    const name = 'M2MGuardModule.forRoot'
    if (typeof options !== 'object' || options === null) {
      throw new TypeError(`m2m-guard: the options of ${name}() must be an object`)
    }
    const { global, ...rest } = options
    const guard = createGuard(rest as M2MAuthOptions, { name })
    return dynamicModule({ provide: M2M_GUARD, useValue: guard }, checkSettings(global, name), [])
  }

  /**
   * Configures the module from a factory (e.g. reading `ConfigService`). The options are validated when Nest
   * resolves the provider, during bootstrap: a bad option rejects `NestFactory.create` / `compile()`.
   *
   * @param options - `useFactory`, `inject`, `imports`, `global` (default `true`).
   * @returns The dynamic module.
   * @throws {TypeError} at bootstrap, naming the option and `M2MGuardModule.forRootAsync`.
   * @example
   * M2MGuardModule.forRootAsync({
   *   imports: [ConfigModule],
   *   inject: [ConfigService],
   *   useFactory: (config: ConfigService) => ({ projectId: config.getOrThrow('STYTCH_PROJECT_ID') }),
   * })
   */
  static forRootAsync(options: M2MGuardModuleAsyncOptions): DynamicModule {
    const name = 'M2MGuardModule.forRootAsync'
    if (typeof options?.useFactory !== 'function') {
      throw new TypeError(`m2m-guard: option "useFactory" of ${name}() must be a function`)
    }
    const { useFactory, inject = [], imports = [] } = options
    const provider: Provider = {
      provide: M2M_GUARD,
      useFactory: async (...args: never[]): Promise<Guard> => createGuard(await useFactory(...args), { name }),
      inject: [...inject],
    }
    return dynamicModule(provider, checkSettings(options.global, name), imports)
  }
}
