import type { M2MAuth } from '@m2m-guard/core'
import { createParamDecorator, type ExecutionContext } from '@nestjs/common'

function caller(key: keyof M2MAuth | undefined, context: ExecutionContext): unknown {
  const auth = context.switchToHttp().getRequest<{ m2m?: M2MAuth | null }>().m2m ?? null
  if (key === undefined || auth === null) return auth
  return auth[key]
}

const decorator = createParamDecorator(caller)

/**
 * The verified caller `M2MGuard` stored for this request: `@M2M()` gives the `M2MAuth` (`null` on an
 * `@OptionalAuth()` route without a token), `@M2M('clientId')` one of its properties (`null` without a caller).
 *
 * @param key - A property of `M2MAuth`: `clientId`, `scopes`, `kind`, `customClaims`, `claims`, …
 * @returns A parameter decorator.
 * @example
 * \@Get() list(\@M2M() caller: M2MAuth) { … }
 * \@Post() create(\@M2M('clientId') clientId: string) { … }
 */
export function M2M(key?: keyof M2MAuth): ParameterDecorator {
  return decorator(key)
}
