/**
 * Node's built-in modules and `Buffer`, when the runtime has them. Loaded through `process.getBuiltinModule`
 * (Node >= 20.16) rather than static imports, so the package stays loadable on edge runtimes, which take the
 * WebCrypto and TextDecoder paths instead.
 */
const getBuiltinModule = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  ?.getBuiltinModule

/**
 * A Node built-in module, or `undefined` outside Node.
 *
 * @param id - e.g. `'node:crypto'`.
 * @returns The module, typed by the caller.
 * @example
 * const crypto = nodeBuiltin<typeof import('node:crypto')>('node:crypto')
 */
export function nodeBuiltin<T>(id: string): T | undefined {
  return getBuiltinModule?.(id) as T | undefined
}

/** Node's `Buffer`, or `undefined` outside Node. */
export const NodeBuffer: typeof Buffer | undefined = (globalThis as { Buffer?: typeof Buffer }).Buffer
