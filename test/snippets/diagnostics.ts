import { spawnSync } from 'node:child_process'
import { join, relative, resolve } from 'node:path'
import type { GeneratedSnippet } from './generate.js'

/** A compiler error, located in the Markdown file (or prelude) it comes from. */
export interface SnippetDiagnostic {
  /** `file:line:column` in the Markdown file, a prelude, or (when neither) the file tsc named. */
  readonly location: string
  /** The Markdown file whose snippet produced it, when known. */
  readonly file: string | undefined
  /** Absolute path of the generated file tsc reported, when it is one. */
  readonly generated: string | undefined
  readonly code: string
  readonly message: string
}

const LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/

/**
 * Runs the workspace's TypeScript once on a tsconfig and maps every error back to the Markdown line it came from.
 *
 * @param root - Absolute path of the repository root (tsc runs there).
 * @param tsconfig - The tsconfig written by `writeTsconfig`.
 * @param files - The generated files it lists.
 * @returns One entry per error; empty when everything compiles.
 */
export function compile(root: string, tsconfig: string, files: readonly GeneratedSnippet[]): SnippetDiagnostic[] {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
  const run = spawnSync(process.execPath, [tsc, '-p', tsconfig, '--pretty', 'false'], { cwd: root, encoding: 'utf8' })
  if (run.error) throw run.error
  const byPath = new Map(files.map((file) => [resolve(file.path), file]))
  const diagnostics: SnippetDiagnostic[] = []
  for (const line of run.stdout.split('\n')) {
    const match = LINE.exec(line)
    if (!match) {
      // tsc continues a message on indented lines (the elaboration of a type error).
      const last = diagnostics.pop()
      if (last && line.startsWith(' ')) diagnostics.push({ ...last, message: `${last.message}\n${line}` })
      else if (last) diagnostics.push(last)
      if (!last && line.trim() !== '')
        diagnostics.push({ location: 'tsc', file: undefined, generated: undefined, code: '', message: line })
      continue
    }
    const [, path = '', row = '0', column = '0', code = '', message = ''] = match
    const generated = byPath.get(resolve(root, path))
    const at = Number(row)
    if (!generated) {
      diagnostics.push({
        location: `${relative(root, resolve(root, path))}:${row}:${column}`,
        file: undefined,
        generated: undefined,
        code,
        message,
      })
    } else if (at > generated.offset) {
      const markdownLine = generated.snippet.line + at - generated.offset - 1
      diagnostics.push({
        location: `${generated.snippet.file}:${markdownLine}:${column}`,
        file: generated.snippet.file,
        generated: generated.path,
        code,
        message,
      })
    } else {
      const prelude = generated.preludeLines[at - 1]
      const where = prelude
        ? `${prelude.prelude}:${prelude.line}:${column}`
        : `${relative(root, generated.path)}:${row}`
      diagnostics.push({
        location: `${where} (prelude of ${generated.snippet.file}:${generated.snippet.line})`,
        file: generated.snippet.file,
        generated: generated.path,
        code,
        message,
      })
    }
  }
  if (run.status !== 0 && diagnostics.length === 0)
    diagnostics.push({
      location: 'tsc',
      file: undefined,
      generated: undefined,
      code: '',
      message: run.stderr || `exit ${run.status}`,
    })
  return diagnostics
}

/** Renders diagnostics one per line, `location TScode message`, for a failing assertion. */
export function format(diagnostics: readonly SnippetDiagnostic[]): string {
  return diagnostics.map((d) => `${d.location} ${d.code} ${d.message}`).join('\n')
}
