import 'reflect-metadata'
import { M2MGuard, M2MGuardModule, type Verifier } from '@m2m-guard/nestjs'
import { type INestApplication, Module, type Type } from '@nestjs/common'
import { APP_GUARD, NestFactory } from '@nestjs/core'
import { UsersController } from './users-controller.js'

/** What the app needs: a verifier, created once at start-up (it caches the project's keys and verified tokens). */
export interface AppOptions {
  verifier: Verifier
}

function appModule(verifier: Verifier): Type<unknown> {
  @Module({
    // One verifier for the app; `projectId: process.env.STYTCH_PROJECT_ID!` works as well.
    imports: [M2MGuardModule.forRoot({ verifier })],
    controllers: [UsersController],
    // Every route needs a token; `@Public()` opts out.
    providers: [{ provide: APP_GUARD, useClass: M2MGuard }],
  })
  class AppModule {}
  return AppModule
}

/**
 * Builds the example API on Nest's Express platform (see `UsersController` for the routes). Server start-up is in
 * `server.ts`, so tests can build the app on any port.
 *
 * @param options - The verifier.
 * @returns The Nest application, not listening yet.
 * @example
 * const app = await createApp({ verifier: createStytchVerifier({ projectId: process.env.STYTCH_PROJECT_ID! }) })
 * await app.listen(3000)
 */
export async function createApp({ verifier }: AppOptions): Promise<INestApplication> {
  // Errors and warnings only: the start-up banner would hide the example's instructions.
  return NestFactory.create(appModule(verifier), { logger: ['error', 'warn'] })
}
