import { M2M, type M2MAuth, OptionalAuth, Public, RequireScopes } from '@m2m-guard/nestjs'
import { BadRequestException, Body, Controller, Get, Post } from '@nestjs/common'

interface User {
  id: number
  name: string
}

/**
 * The example's routes. `M2MGuard` is registered globally (`APP_GUARD` in `AppModule`), so every route needs a
 * valid token unless it says otherwise:
 *
 * - `GET /health`: `@Public()`.
 * - `GET /users`: `read:users`.
 * - `POST /users`: `write:users`; body `{ "name": "…" }`.
 * - `GET /whoami`: `@OptionalAuth()`; answers who called.
 */
@Controller()
export class UsersController {
  readonly #users: User[] = [{ id: 1, name: 'Grace' }]

  @Get('health')
  @Public()
  health(): { status: 'ok' } {
    return { status: 'ok' }
  }

  @Get('users')
  @RequireScopes('read:users')
  list(): { users: User[] } {
    return { users: this.#users }
  }

  @Post('users')
  @RequireScopes('write:users')
  create(@Body() body: { name?: unknown } | undefined, @M2M('clientId') clientId: string): object {
    const name = body?.name
    if (typeof name !== 'string' || name.trim() === '') {
      throw new BadRequestException({ error: 'invalid_request', error_description: 'Send {"name": "…"}' })
    }
    const user = { id: this.#users.length + 1, name }
    this.#users.push(user)
    // @M2M() is the verified caller: clientId (the token's `sub`), scopes, customClaims, claims.
    return { user, createdBy: clientId }
  }

  @Get('whoami')
  @OptionalAuth()
  whoami(@M2M() caller: M2MAuth | null): object {
    return caller ? { anonymous: false, clientId: caller.clientId, scopes: caller.scopes } : { anonymous: true }
  }
}
