import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

/** Core's options entry and what it imports: the only core code the client loads. */
const coreSrc = new URL('../../core/src/', import.meta.url).pathname
const coreOptionsFiles = [...sources(join(coreSrc, 'options')), join(coreSrc, 'http', 'secure-url.ts')]

describe('the package runs wherever fetch exists', () => {
  it.each([...sources(join(root, 'src')), ...coreOptionsFiles].map((file) => [file.slice(root.length - 7), file]))(
    '%s uses no Node-only API',
    (_, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      expect(code).not.toMatch(/from\s+['"](?:node:|fs|path|crypto|http|https|util|buffer|events|stream)['"/]/)
      expect(code).not.toMatch(/\b(?:Buffer|process|require|__dirname|setImmediate)\b/)
    },
  )

  it('depends on core alone, for its options checker and URL rule', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest.dependencies).toEqual({ '@m2m-guard/core': 'workspace:^' })
    expect(manifest.peerDependencies).toBeUndefined()
  })

  it('imports core only through its options entry, never the verifier', () => {
    const specifiers = sources(join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from\s+'(@m2m-guard\/core[^']*)'/g)].map((match) => match[1]),
    )
    expect(specifiers.length).toBeGreaterThan(0)
    expect(new Set(specifiers)).toEqual(new Set(['@m2m-guard/core/options']))
  })
})
