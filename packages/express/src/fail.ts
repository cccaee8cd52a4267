import { M2MAuthError } from '@m2m-guard/core'
import type { NextFunction, Response } from 'express'

/**
 * Answers a failed request: renders an {@link M2MAuthError} itself, or hands it to Express.
 * Anything that is not an `M2MAuthError` is a bug, never a token problem, and always goes to `next(err)`.
 *
 * @param error - What authentication or the scope check threw.
 * @param res - The response.
 * @param next - Express's `next`.
 * @param delegate - `true` to call `next(error)` for auth errors too.
 */
export function fail(error: unknown, res: Response, next: NextFunction, delegate: boolean): void {
  if (delegate || !(error instanceof M2MAuthError)) {
    next(error)
    return
  }
  const { status, headers, body } = error.toResponse()
  res.status(status).set(headers).json(body)
}
