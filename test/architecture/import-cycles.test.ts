import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { buildImportGraph, fileEdges, findCycle, type ImportGraph, importSpecifiers } from './import-graph.js'

const root = fileURLToPath(new URL('../..', import.meta.url))
const graph: ImportGraph = buildImportGraph(root)

/** Frameworks core must not know (house rule 1: core's input is a header string, its output a result or error). */
const FRAMEWORK = /^(express|koa|fastify|hono|fastify-plugin)(\/|$)|^@(nestjs|koa|fastify|hono)\//
const ADAPTERS = ['express', 'koa', 'fastify', 'hono', 'nestjs', 'web']
const coreExports = Object.keys(
  (
    JSON.parse(readFileSync(new URL('../../packages/core/package.json', import.meta.url), 'utf8')) as {
      exports: Record<string, unknown>
    }
  ).exports,
)
/** `@m2m-guard/core` and each public subpath of its `exports` map (e.g. the adapter kit, `@m2m-guard/core/adapter`). */
const CORE_ENTRIES = new Set(coreExports.map((entry) => `@m2m-guard/core${entry.slice(1)}`))

function filesOf(name: string): [string, ImportGraph extends ReadonlyMap<string, infer E> ? E : never][] {
  return [...graph].filter(([file]) => file.startsWith(`packages/${name}/src/`))
}

describe('the cycle finder', () => {
  it('finds nothing in a graph without cycles (a diamond and a leaf)', () => {
    const edges = new Map([
      ['a', ['b', 'c']],
      ['b', ['d']],
      ['c', ['d', 'external']],
      ['d', []],
    ])
    expect(findCycle(edges)).toBeUndefined()
  })

  it('returns a three-file cycle as a closed path', () => {
    const edges = new Map([
      ['entry', ['a']],
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ])
    expect(findCycle(edges)).toEqual(['a', 'b', 'c', 'a'])
  })

  it('returns a file that imports itself', () => {
    expect(findCycle(new Map([['a', ['a']]]))).toEqual(['a', 'a'])
  })

  it('reads type-only imports, export-from and import types, and ignores specifiers in comments', () => {
    const source = [
      "import type { A } from './a.js'",
      "import { type B, c } from './b.js'",
      "export type { D } from './d.js'",
      "export * from './e.js'",
      "type F = typeof import('./f.js')",
      '/** @example',
      " * import { g } from './g.js'",
      ' */',
      "// import { h } from './h.js'",
    ].join('\n')
    expect(importSpecifiers(source)).toEqual(['./a.js', './b.js', './d.js', './e.js', './f.js'])
  })
})

describe('the packages', () => {
  it('read every package source', () => {
    expect(filesOf('core').length).toBeGreaterThan(10)
    expect(graph.get('packages/core/src/index.ts')?.length).toBeGreaterThan(10)
  })

  it('have no import cycle, type-only imports included', () => {
    const cycle = findCycle(fileEdges(graph))
    expect(cycle === undefined ? 'no cycle' : `cycle: ${cycle.join(' → ')}`).toBe('no cycle')
  })

  it('resolve every relative import to a source file', () => {
    const unresolved = [...graph].flatMap(([file, edges]) =>
      edges.filter((e) => e.specifier.startsWith('.') && e.target === undefined).map((e) => `${file}: ${e.specifier}`),
    )
    expect(unresolved).toEqual([])
  })

  it('core imports no web framework', () => {
    const offending = filesOf('core').flatMap(([file, edges]) =>
      edges.filter((e) => FRAMEWORK.test(e.specifier)).map((e) => `${file}: ${e.specifier}`),
    )
    expect(offending).toEqual([])
  })

  it('adapters reach core only through its public entries', () => {
    const offending = ADAPTERS.flatMap((name) =>
      filesOf(name).flatMap(([file, edges]) =>
        edges
          .filter(
            (e) =>
              (e.specifier.startsWith('@m2m-guard/core') && !CORE_ENTRIES.has(e.specifier)) ||
              (e.specifier.startsWith('.') && e.target?.startsWith('packages/core/') === true),
          )
          .map((e) => `${file}: ${e.specifier}`),
      ),
    )
    expect(offending).toEqual([])
  })

  it('never import another package by a relative path', () => {
    const offending = [...graph].flatMap(([file, edges]) => {
      const own = file.split('/').slice(0, 2).join('/')
      return edges
        .filter((e) => e.specifier.startsWith('.') && e.target !== undefined && !e.target.startsWith(`${own}/`))
        .map((e) => `${file}: ${e.specifier}`)
    })
    expect(offending).toEqual([])
  })
})
