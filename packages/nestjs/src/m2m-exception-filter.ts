import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common'
import { M2MAuthException } from './m2m-auth-exception.js'
import { sendJson } from './send-response.js'

/**
 * Renders an {@link M2MAuthException} with its status, headers (`WWW-Authenticate`, `Cache-Control: no-store`,
 * `Retry-After`) and JSON body, on the Express and the Fastify platform. Nest's default filter would drop the
 * headers. `M2MGuardModule` registers it globally (`APP_FILTER`); a filter of yours bound to a controller or a
 * handler, or one catching `M2MAuthException` registered after it, takes precedence.
 *
 * @example
 * // Registered for you by M2MGuardModule.forRoot(); to bind it yourself:
 * app.useGlobalFilters(new M2MExceptionFilter())
 */
@Catch(M2MAuthException)
export class M2MExceptionFilter implements ExceptionFilter<M2MAuthException> {
  /**
   * @param exception - The guard's exception.
   * @param host - Nest's arguments host (HTTP).
   * @returns Nothing: the answer is sent.
   */
  catch(exception: M2MAuthException, host: ArgumentsHost): void {
    sendJson(
      host.switchToHttp().getResponse(),
      exception.getStatus(),
      { ...exception.headers },
      exception.getResponse(),
    )
  }
}
