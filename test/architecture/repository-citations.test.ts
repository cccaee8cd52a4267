import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SKIP = new Set(['node_modules', 'dist', '.git', 'coverage', '.next'])
/** Ways the code once cited notes that live outside the repository; the facts are in docs/stytch-facts.md now. */
const OUTSIDE = [/\.\.\/shared\//, /\bfacts file\b/i, /stytch-m2m\.md/]

function textFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return []
    const path = join(directory, entry.name)
    if (entry.isDirectory()) return textFiles(path)
    return /\.(ts|mts|mjs|js|md)$/.test(entry.name) ? [path] : []
  })
}

it('comments and docs cite only what a reader of the repository can open', () => {
  const self = fileURLToPath(import.meta.url)
  const offending = textFiles(root)
    .filter((file) => file !== self)
    .flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, index) =>
          OUTSIDE.some((re) => re.test(line)) ? [`${relative(root, file)}:${index + 1}`] : [],
        ),
    )
  expect(offending).toEqual([])
})
