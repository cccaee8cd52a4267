// Given in the Cloudflare Workers blocks: the part of Cloudflare's runtime types (@cloudflare/workers-types, not a
// workspace dependency) they use, with the same signatures.
// biome-ignore lint/correctness/noUnusedVariables: used by the block it is prepended to
interface KVNamespace {
  get<T>(key: string, type: 'json'): Promise<T | null>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
}
// biome-ignore lint/correctness/noUnusedVariables: used by the block it is prepended to
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
}
// The reader's bindings (a block may add its own members: interfaces merge).
// biome-ignore lint/correctness/noUnusedVariables: used by the block it is prepended to
interface Env {
  readonly [binding: string]: unknown
}

export {}
