import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { CHECKED_LANGUAGES, type Snippet } from './extract.js'

/** A snippet written to disk, with how many lines of preludes precede its code. */
export interface GeneratedSnippet {
  readonly snippet: Snippet
  /** Absolute path of the generated file. */
  readonly path: string
  /** Lines before the snippet's first code line: the header and the preludes. */
  readonly offset: number
  /** The prelude each generated line before `offset` came from (index = generated line - 1), or undefined. */
  readonly preludeLines: readonly ({ readonly prelude: string; readonly line: number } | undefined)[]
}

/** Prefix of every generated file's name: a dot-file, so `tsc --build`'s `include` and Biome (gitignored) skip it. */
export const PREFIX = '.snippet-'

/**
 * Where a Markdown file's snippets are written, so imports resolve the way they do for a user: a package's README
 * compiles in its `.snippets/` (its own name through its `exports`, its dependencies, then the workspace root's); an
 * example's in its `src/` (dot-files: `tsc --build` skips them), where `./app.js` is the `src/app.ts` the README
 * tells the reader to copy. Root-level docs compile in test/snippets/.generated.
 */
export function outputFolder(root: string, file: string): string {
  const folder = dirname(file)
  if (folder.startsWith('packages/')) return join(root, folder, '.snippets')
  if (folder.startsWith('examples/') && existsSync(join(root, folder, 'src'))) return join(root, folder, 'src')
  return join(root, 'test', 'snippets', '.generated')
}

/**
 * Preludes every block of a README gets, for the framework the README is about; a block's own
 * `<!-- snippet: prelude=… -->` adds to these.
 */
export const README_PRELUDES: Readonly<Record<string, readonly string[]>> = {
  'packages/express/README.md': ['express'],
  'examples/express/README.md': ['express'],
  'packages/mcp/README.md': ['express', 'mcp'],
  'packages/koa/README.md': ['koa'],
  'examples/koa/README.md': ['koa'],
  'packages/fastify/README.md': ['fastify'],
  'examples/fastify/README.md': ['fastify'],
  'packages/hono/README.md': ['hono'],
  'packages/client/README.md': ['client'],
  'packages/testing/README.md': ['testing'],
  'examples/hono/README.md': ['hono'],
}

const preludeFolder = resolve(import.meta.dirname, 'preludes')

/** Removes the files generated for these Markdown files (by this or an earlier run). */
export function clean(root: string, files: readonly string[]): void {
  for (const folder of new Set(files.map((file) => outputFolder(root, file)))) {
    if (!existsSync(folder)) continue
    for (const name of readdirSync(folder)) if (name.startsWith(PREFIX)) rmSync(join(folder, name), { force: true })
  }
}

/**
 * Writes each checked snippet as a module: a header naming its origin, its preludes, then its code, and `export {}`
 * so a block without imports is a module too (its names never clash with another block's).
 *
 * @param root - Absolute path of the repository root.
 * @param snippets - Snippets whose directive is `check`.
 * @param suffix - Distinguishes files generated for the same Markdown file by different callers.
 * @returns The generated files.
 * @throws Error when a prelude does not exist.
 */
export function writeSnippets(root: string, snippets: readonly Snippet[], suffix = ''): GeneratedSnippet[] {
  return snippets.map((snippet) => {
    if (snippet.directive.kind !== 'check') throw new Error(`${snippet.file}:${snippet.line} is not to be checked`)
    const header = [`// Generated from ${snippet.file}:${snippet.line} by test/snippets; edit the Markdown instead.`]
    const preludeLines: GeneratedSnippet['preludeLines'][number][] = [undefined]
    for (const name of new Set([...(README_PRELUDES[snippet.file] ?? []), ...snippet.directive.preludes])) {
      const path = join(preludeFolder, `${name}.ts`)
      if (!existsSync(path)) throw new Error(`${snippet.file}:${snippet.line}: no prelude "${name}" in ${preludeFolder}`)
      const declared = declaredNames(snippet.code)
      // A block that defines a given name itself (`const app = express()`) keeps its own; the line stays, as a
      // comment, so prelude line numbers still match the file.
      const lines = readFileSync(path, 'utf8')
        .trimEnd()
        .split('\n')
        .map((line) => {
          const given = /^declare (?:const|function) (\w+)/.exec(line)?.[1]
          return given && declared.has(given) ? `// ${line}` : line
        })
      header.push(...lines)
      preludeLines.push(...lines.map((_, index) => ({ prelude: `test/snippets/preludes/${name}.ts`, line: index + 1 })))
    }
    const base = snippet.file.replace(/\.md$/, '').split('/').pop() ?? 'doc'
    const extension = CHECKED_LANGUAGES[snippet.lang] ?? 'ts'
    const path = join(outputFolder(root, snippet.file), `${PREFIX}${base}${suffix}-L${snippet.line}.${extension}`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${[...header, snippet.code, 'export {}'].join('\n')}\n`)
    return { snippet, path, offset: header.length, preludeLines }
  })
}

/** Names a block declares at its top level or imports (roughly: enough to spot `const app` or `import … app`). */
export function declaredNames(code: string): Set<string> {
  const names = new Set<string>()
  for (const match of code.matchAll(/\b(?:const|let|var|function|class)\s+(\w+)/g)) names.add(match[1] ?? '')
  for (const match of code.matchAll(/^import\s+(?:type\s+)?([^'"]*?)\s+from\s/gm))
    for (const name of (match[1] ?? '').matchAll(/\w+/g)) names.add(name[0])
  return names
}

/**
 * Writes the tsconfig that checks every generated file in one compiler run: the repository's strict base
 * (NodeNext, ESM) with the ambient "given" names of test/snippets/given.d.ts.
 *
 * @returns The tsconfig's absolute path.
 */
export function writeTsconfig(root: string, files: readonly GeneratedSnippet[]): string {
  const folder = join(root, 'test', 'snippets', '.generated')
  mkdirSync(folder, { recursive: true })
  const path = join(folder, 'tsconfig.json')
  const config = {
    extends: relative(folder, join(root, 'tsconfig.base.json')),
    compilerOptions: {
      noEmit: true,
      allowJs: true,
      checkJs: true,
      jsx: 'react-jsx',
      declaration: false,
      declarationMap: false,
      sourceMap: false,
      // A snippet shows one step; the names it declares for the reader are often not used again in the block.
      noUnusedLocals: false,
      noUnusedParameters: false,
    },
    files: [join(import.meta.dirname, 'given.d.ts'), ...files.map((file) => file.path)].map((file) =>
      relative(folder, file),
    ),
  }
  writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`)
  return path
}
