// Builds the import graph of the packages' sources, for the architecture rules in import-cycles.test.ts.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'

/** One import of a source file: the specifier as written, and the repository file it resolves to (if any). */
export interface ImportEdge {
  readonly specifier: string
  /** Repository-relative path of the imported source file; `undefined` for packages outside the repository. */
  readonly target: string | undefined
}

/** Source files (repository-relative paths) and what each imports. */
export type ImportGraph = ReadonlyMap<string, readonly ImportEdge[]>

/**
 * Every module specifier in `source`: `import` and `export … from` statements, type-only ones included, side-effect
 * imports, `import()` expressions and `import('…')` types. TypeScript's own pre-processor reads them, so specifiers
 * in comments and strings are not mistaken for imports.
 */
export function importSpecifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((file) => file.fileName)
}

/** Every `.ts` file below `directory`. */
export function listSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return listSources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** `./x.js` → `./x.ts` (NodeNext specifiers name the emitted file), else the folder's `index.ts`. */
function resolveSourceFile(base: string): string | undefined {
  const candidates = [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.d.ts'), base, join(base, 'index.ts')]
  return candidates.find((candidate) => candidate.endsWith('.ts') && existsSync(candidate))
}

/** The ESM file of an `exports` entry: a string, `{ import, default }`, or `{ import: { types, default } }`. */
function entryFile(entry: unknown): string | undefined {
  if (typeof entry === 'string') return entry
  if (typeof entry !== 'object' || entry === null) return undefined
  const { import: esm, default: fallback } = entry as { import?: unknown; default?: unknown }
  return entryFile(esm ?? fallback)
}

/** `@m2m-guard/<name>[/<sub>]` → the source file behind that entry of the package's `exports` map. */
function resolveWorkspaceSpecifier(root: string, specifier: string): string | undefined {
  const match = /^@m2m-guard\/([^/]+)(\/.*)?$/.exec(specifier)
  if (match === null) return undefined
  const packageDir = join(root, 'packages', match[1] ?? '')
  const manifestPath = join(packageDir, 'package.json')
  if (!existsSync(manifestPath)) return undefined
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports?: Record<string, unknown> }
  const entry = manifest.exports?.[`.${match[2] ?? ''}`]
  const file = entryFile(entry)
  if (file === undefined) return undefined
  return resolveSourceFile(join(packageDir, file.replace(/^\.\/dist\//, './src/')))
}

/**
 * Reads every `.ts` file under `packages/<name>/src` and resolves its imports: relative specifiers to the `.ts`
 * source, `@m2m-guard/*` entries through the package's `exports` map to that package's source.
 *
 * @param root - The repository root.
 * @returns The graph, keyed by repository-relative path.
 */
export function buildImportGraph(root: string): ImportGraph {
  const graph = new Map<string, ImportEdge[]>()
  const packagesDir = join(root, 'packages')
  for (const name of readdirSync(packagesDir)) {
    const src = join(packagesDir, name, 'src')
    if (!existsSync(src)) continue
    for (const file of listSources(src)) {
      const edges = importSpecifiers(readFileSync(file, 'utf8')).map((specifier): ImportEdge => {
        const absolute = specifier.startsWith('.')
          ? resolveSourceFile(resolve(dirname(file), specifier))
          : resolveWorkspaceSpecifier(root, specifier)
        return { specifier, target: absolute === undefined ? undefined : relative(root, absolute) }
      })
      graph.set(relative(root, file), edges)
    }
  }
  return graph
}

/**
 * Finds one import cycle by depth-first search.
 *
 * @param edges - Each node's successors; successors that are not keys are leaves.
 * @returns The cycle as a path that starts and ends at the same node (`[a, b, a]`), or `undefined` when there is none.
 */
export function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>()
  const onPath = new Map<string, number>()
  const path: string[] = []
  const visit = (node: string): string[] | undefined => {
    const start = onPath.get(node)
    if (start !== undefined) return [...path.slice(start), node]
    if (done.has(node)) return undefined
    onPath.set(node, path.length)
    path.push(node)
    for (const next of edges.get(node) ?? []) {
      const cycle = visit(next)
      if (cycle !== undefined) return cycle
    }
    path.pop()
    onPath.delete(node)
    done.add(node)
    return undefined
  }
  for (const node of edges.keys()) {
    const cycle = visit(node)
    if (cycle !== undefined) return cycle
  }
  return undefined
}

/** The graph reduced to file-to-file edges inside the repository, for {@link findCycle}. */
export function fileEdges(graph: ImportGraph): Map<string, string[]> {
  return new Map(
    [...graph].map(([file, imports]) => [
      file,
      imports.flatMap((edge) => (edge.target === undefined ? [] : [edge.target])),
    ]),
  )
}
