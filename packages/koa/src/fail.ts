import type { Guard } from '@m2m-guard/core/adapter'
import type { Context } from 'koa'

/**
 * Answers a refused request and resolves; in delegate mode, or for anything that is not a coded error (a bug),
 * rejects with the error so Koa's error handling (or yours, upstream) sees it.
 */
export function fail(guard: Guard, ctx: Context, error: unknown): Promise<void> {
  const response = guard.delegate ? undefined : guard.render(error)
  if (response === undefined) return Promise.reject(error)
  ctx.status = response.status
  ctx.set(response.headers)
  ctx.body = response.body
  return Promise.resolve()
}
