import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = new URL('..', import.meta.url).pathname
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  )

describe('the package runs wherever fetch exists', () => {
  it.each(sources(join(root, 'src')).map((file) => [file.slice(root.length), file]))(
    '%s uses no Node-only API',
    (_, file) => {
      const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      expect(code).not.toMatch(/from\s+['"](?:node:|fs|path|crypto|http|https|util|buffer|events|stream)['"/]/)
      expect(code).not.toMatch(/\b(?:Buffer|process|require|__dirname|setImmediate)\b/)
    },
  )

  it('has no runtime dependencies', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>
    expect(manifest.dependencies).toBeUndefined()
    expect(manifest.peerDependencies).toBeUndefined()
  })
})
