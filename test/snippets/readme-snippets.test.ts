import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compile, format, type SnippetDiagnostic } from './diagnostics.js'
import { extractSnippets } from './extract.js'
import { clean, writeSnippets, writeTsconfig } from './generate.js'
import { markdownFiles } from './markdown-files.js'

// Every TypeScript/JavaScript block of the READMEs and docs is compiled, strict, NodeNext, against the built
// workspace packages (run `pnpm build` first): a README that names a removed option or function fails here.
// Blocks marked `<!-- snippet: not-code reason="…" -->` or `skip reason="…"` are listed in the exclusions test.

const root = fileURLToPath(new URL('../..', import.meta.url))

/** A README that passes a misspelt option (`requiredScope`) to a real factory; compiled in the same run. */
const WRONG = {
  file: 'packages/express/README.md',
  markdown: [
    '# Self-test',
    '',
    '```ts',
    "import { m2mAuth } from '@m2m-guard/express'",
    '',
    "m2mAuth({ projectId: 'project-test-x', requiredScope: ['read:users'] })",
    '```',
    '',
  ].join('\n'),
}

const files = markdownFiles(root)
const snippets = files.flatMap((file) => extractSnippets(readFileSync(join(root, file), 'utf8'), file))
const checked = snippets.filter((snippet) => snippet.directive.kind === 'check')
const wrong = extractSnippets(WRONG.markdown, WRONG.file)
let diagnostics: SnippetDiagnostic[] = []
let wrongDiagnostics: SnippetDiagnostic[] = []

beforeAll(() => {
  clean(root)
  const real = writeSnippets(root, checked)
  const selfTest = writeSnippets(root, wrong, '.self-test')
  const all = compile(root, writeTsconfig(root, [...real, ...selfTest]), [...real, ...selfTest])
  const selfTestPaths = new Set(selfTest.map((file) => file.path))
  wrongDiagnostics = all.filter((d) => d.generated !== undefined && selfTestPaths.has(d.generated))
  diagnostics = all.filter((d) => d.generated === undefined || !selfTestPaths.has(d.generated))
}, 120_000)

// The generated files sit next to the sources they import; M2M_KEEP_SNIPPETS=1 keeps them to inspect a failure.
afterAll(() => {
  if (!process.env.M2M_KEEP_SNIPPETS) clean(root)
})

describe('README snippets', () => {
  it('finds the code blocks of every README', () => {
    expect(checked.length).toBeGreaterThan(50)
  })

  it('every TypeScript/JavaScript block compiles against the workspace packages', () => {
    expect(format(diagnostics)).toBe('')
  })

  it('fails a block that passes a wrong option name, at its Markdown line', () => {
    expect(wrongDiagnostics.map((d) => [d.location, d.code])).toEqual([[`${WRONG.file}:6:40`, 'TS2561']])
  })

  it('excludes only the blocks listed here, each with its reason', () => {
    // A new exclusion is a decision: add it here with the reason its comment gives.
    const excluded = snippets.flatMap((s) => (s.directive.kind === 'check' ? [] : [[s.file, s.directive.reason]]))
    expect(excluded).toEqual([
      ['README.md', "imports the reader's own ./app.js and supertest, which the workspace does not install"],
      [
        'examples/nextjs/README.md',
        "app/api/users/route.ts abridged: Next.js resolves its extensionless imports (bundler resolution, not NodeNext); the example's own build compiles the file",
      ],
      [
        'packages/web/README.md',
        'imports lib/m2m.ts (the block above) through the Next.js @/ path alias, which NodeNext does not resolve',
      ],
    ])
  })
})
