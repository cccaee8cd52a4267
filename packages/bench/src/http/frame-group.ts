import type { CallFrame } from './cpu-profile.js'

/**
 * Where CPU time goes, coarsely: our packages, the framework and its dependencies, Node's own JavaScript, V8's
 * garbage collector, native code (`(program)`: libuv, llhttp; and Node's C++ bindings such as `writev`),
 * the bench's own app code, anything else. `idle` is the event loop waiting: not CPU, left out of every total.
 */
export const FRAME_GROUPS = ['ours', 'framework', 'node', 'gc', 'native', 'bench', 'other', 'idle'] as const
export type FrameGroup = (typeof FRAME_GROUPS)[number]

/** A function's group and the package (or runtime part) it belongs to, and where it is, for a table. */
export interface FrameOrigin {
  readonly group: FrameGroup
  readonly packageName: string
  /** `dist/verify/create-verifier.js:123` (1-based line), relative to its package; `''` for V8's own entries. */
  readonly location: string
}

const V8_ENTRIES: Readonly<Record<string, FrameGroup>> = {
  '(idle)': 'idle',
  '(garbage collector)': 'gc',
  '(program)': 'native',
  '(root)': 'other',
}

function packageOf(path: string): { name: string; rest: string } | undefined {
  const modules = path.lastIndexOf('/node_modules/')
  if (modules !== -1) {
    const parts = path.slice(modules + '/node_modules/'.length).split('/')
    const size = parts[0]?.startsWith('@') ? 2 : 1
    return { name: parts.slice(0, size).join('/'), rest: parts.slice(size).join('/') }
  }
  // A workspace package is loaded from its real path (pnpm links it): `…/packages/<name>/dist/…`.
  const workspace = /\/packages\/([^/]+)\/(.*)$/.exec(path)
  return workspace === null ? undefined : { name: `@m2m-guard/${workspace[1]}`, rest: workspace[2]! }
}

/**
 * Classifies a profile's call frame.
 *
 * @param frame - The call frame.
 * @returns Its group, package and location.
 * @example
 * frameOrigin({ functionName: 'next', url: 'file:///app/node_modules/router/index.js', lineNumber: 9, columnNumber: 0 })
 * // { group: 'framework', packageName: 'router', location: 'index.js:10' }
 */
export function frameOrigin(frame: CallFrame): FrameOrigin {
  const v8 = frame.url === '' ? V8_ENTRIES[frame.functionName] : undefined
  if (v8 !== undefined) return { group: v8, packageName: 'V8', location: '' }
  const line = `:${frame.lineNumber + 1}`
  if (frame.url.startsWith('node:'))
    return { group: 'node', packageName: 'node', location: `${frame.url.slice(5)}${line}` }
  const path = frame.url.startsWith('file://') ? decodeURIComponent(frame.url.slice('file://'.length)) : frame.url
  const owner = packageOf(path)
  // A named function without a script is a C++ binding called from JavaScript (`writev`: the socket write).
  if (frame.url === '') return { group: 'native', packageName: 'node (C++)', location: '' }
  if (owner === undefined) return { group: 'other', packageName: '', location: path + line }
  const group =
    owner.name === '@m2m-guard/bench' ? 'bench' : owner.name.startsWith('@m2m-guard/') ? 'ours' : 'framework'
  return { group, packageName: owner.name, location: `${owner.rest}${line}` }
}
