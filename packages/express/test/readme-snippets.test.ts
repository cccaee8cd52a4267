import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'

const packageDir = fileURLToPath(new URL('../', import.meta.url))
const readme = readFileSync(join(packageDir, 'README.md'), 'utf8')

/** The first `ts` block of a README section. */
function snippet(heading: string): string {
  const section = readme.slice(readme.indexOf(`## ${heading}`))
  const block = /```ts\n([\s\S]*?)```/.exec(section)?.[1]
  if (block === undefined) throw new Error(`README.md: no ts block under "## ${heading}"`)
  return block
}

// Inside the package, so `@m2m-guard/express` (its own name), `express` and core resolve as for a user.
const work = mkdtempSync(join(packageDir, 'test/.snippet-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

/** Type-checks a snippet under strict settings, with the names it uses from earlier in the README declared. */
function diagnostics(code: string, preamble: string): string[] {
  const file = join(work, 'snippet.ts')
  writeFileSync(file, `${preamble}\n${code}\nexport {}\n`)
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    types: ['node'],
  })
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.start ?? 0}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`)
}

describe('README snippets', () => {
  // Issue 20 point 9: the delegation snippet had implicitly-any handler parameters and undeclared names.
  it('the error delegation snippet compiles under strict', () => {
    const preamble = [
      "import type { Express } from 'express'",
      "import type { Verifier } from '@m2m-guard/express'",
      'declare const app: Express',
      'declare const verifier: Verifier',
    ].join('\n')
    expect(diagnostics(snippet('Error delegation'), preamble)).toEqual([])
  }, 60_000)
})
