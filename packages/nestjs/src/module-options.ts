import type { M2MAuthOptions } from '@m2m-guard/core/adapter'

/** Nest's module settings, taken out before the guard options are checked. */
export interface ModuleSettings {
  /** Register the module globally (default `true`): `M2MGuard` then works in every module of the app. */
  global?: boolean | undefined
}

/** Options of `M2MGuardModule.forRoot`: the adapters' options (`projectId` or `verifier`, scopes, realm, …). */
export type M2MGuardModuleOptions = M2MAuthOptions & ModuleSettings

/** Options of `M2MGuardModule.forRootAsync`, Nest's usual factory provider shape. */
export interface M2MGuardModuleAsyncOptions extends ModuleSettings {
  /** Modules whose exports the factory injects (e.g. `ConfigModule`). */
  // biome-ignore lint/suspicious/noExplicitAny: Nest's own `imports` type (`Type<any> | DynamicModule | …`).
  imports?: any[] | undefined
  /** Tokens injected into `useFactory` (e.g. `ConfigService`). */
  inject?: readonly (string | symbol | (abstract new (...args: never[]) => unknown))[] | undefined
  /** Builds the options; may be async. Its result is validated like `forRoot`'s at bootstrap. */
  useFactory: (...args: never[]) => M2MAuthOptions | Promise<M2MAuthOptions>
}
