// Given in the Cloudflare Workers blocks: the part of Cloudflare's runtime types (@cloudflare/workers-types, not a
// workspace dependency) they use, with the same signatures.
interface KVNamespace {
  get<T>(key: string, type: 'json'): Promise<T | null>
  put(key: string, value: string, options?: { expirationTtl?: number }): Promise<void>
}
interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
}
// The reader's bindings (a block may add its own members: interfaces merge).
interface Env {
  readonly [binding: string]: unknown
}
export {}
