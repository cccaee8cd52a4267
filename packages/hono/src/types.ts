import type { M2MAuth } from '@m2m-guard/core'

/**
 * The variables `m2mAuth` sets: `c.get('m2m')` / `c.var.m2m` is the verified caller. `Auth` is `M2MAuth`, or
 * `M2MAuth | undefined` where auth is optional (`required: false`).
 */
export interface M2MVariables<Auth extends M2MAuth | undefined = M2MAuth> {
  m2m: Auth
}

/** A Hono `Env` with {@link M2MVariables}: `new Hono<M2MEnv>()` types `c.var.m2m` on every route. */
export interface M2MEnv<Auth extends M2MAuth | undefined = M2MAuth> {
  Variables: M2MVariables<Auth>
}

/**
 * Whether options make authentication optional, read from their type: `required: false` (or a `boolean` not known
 * until run time) may let a request through without a caller; no `required`, or `required: true`, may not.
 */
export type IsOptional<O> = 'required' extends keyof O
  ? O extends { required?: true | undefined }
    ? false
    : true
  : false

/** The type of `c.var.m2m` after `m2mAuth(options)`. */
export type CallerOf<O> = IsOptional<O> extends true ? M2MAuth | undefined : M2MAuth
