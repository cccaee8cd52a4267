/** Frameworks measured behind HTTP. */
export const FRAMEWORKS = ['express', 'koa', 'fastify', 'nest-express'] as const
export type Framework = (typeof FRAMEWORKS)[number]

/**
 * `plain`: no auth at all; `pool`: our adapter, 16 tokens rotated; `fused`: the same, with the scope given to
 * `m2mAuth` / the plugin instead of a separate `requireScopes` step; `distinct`: our adapter, every token new.
 */
export const VARIANTS = ['plain', 'pool', 'fused', 'distinct'] as const
export type Variant = (typeof VARIANTS)[number]

/** One server under load. */
export interface HttpCase {
  readonly framework: Framework
  readonly variant: Variant
}

/** The route every server answers. */
export const ROUTE = '/api/users'

/**
 * Key of a case in the worker's port map.
 *
 * @param httpCase - The case.
 * @returns `<framework>-<variant>`.
 */
export function caseKey({ framework, variant }: HttpCase): string {
  return `${framework}-${variant}`
}

/** Messages to the server worker. */
export type ServerRequest =
  | { readonly type: 'start'; readonly kid: string; readonly pem: string }
  | { readonly type: 'cpu' }
  | { readonly type: 'profile-start' }
  | { readonly type: 'profile-stop'; readonly file: string }

/** Replies of the server worker. */
export type ServerReply =
  | { readonly ports: Record<string, number> }
  | { readonly cpu: NodeJS.CpuUsage }
  | { readonly profiled: true }
