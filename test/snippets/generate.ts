import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/** Folder name of generated snippets next to a package's or example's README (gitignored). */
export const GENERATED = '.snippets'

/**
 * Where a Markdown file's snippets are written. A package's or example's README compiles inside that folder, so
 * bare imports resolve the way they do for a user of that package: its own name (self-reference through its
 * `exports`), its dependencies, then the workspace root's. Root-level docs compile in test/snippets/.generated.
 */
export function outputFolder(root: string, file: string): string {
  const folder = dirname(file)
  return folder === '.' || folder === 'docs' ? join(root, 'test', 'snippets', '.generated') : join(root, folder, GENERATED)
}

const preludeFolder = resolve(import.meta.dirname, 'preludes')

/** Removes what an earlier run generated for these Markdown files. */
export function clean(root: string, files: readonly string[]): void {
  for (const folder of new Set(files.map((file) => outputFolder(root, file)))) rmSync(folder, { recursive: true, force: true })
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
    for (const name of snippet.directive.preludes) {
      const path = join(preludeFolder, `${name}.ts`)
      if (!existsSync(path)) throw new Error(`${snippet.file}:${snippet.line}: no prelude "${name}" in ${preludeFolder}`)
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
      header.push(...lines)
      preludeLines.push(...lines.map((_, index) => ({ prelude: `test/snippets/preludes/${name}.ts`, line: index + 1 })))
    }
    const base = snippet.file.replace(/\.md$/, '').split('/').pop() ?? 'doc'
    const extension = CHECKED_LANGUAGES[snippet.lang] ?? 'ts'
    const path = join(outputFolder(root, snippet.file), `${base}${suffix}-L${snippet.line}.${extension}`)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, `${[...header, snippet.code, 'export {}'].join('\n')}\n`)
    return { snippet, path, offset: header.length, preludeLines }
  })
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
