import type { Guard } from '@m2m-guard/core/adapter'
import type { NextFunction, Response } from 'express'

/**
 * Answers a refused request: the guard renders a coded error (from any copy of core) with its realm; in delegate
 * mode, or for anything that is not a coded error (a bug), the error goes to Express's error handling.
 */
export function fail(guard: Guard, error: unknown, res: Response, next: NextFunction): void {
  const response = guard.delegate ? undefined : guard.render(error)
  if (response === undefined) {
    next(error)
    return
  }
  res.status(response.status).set(response.headers).json(response.body)
}
