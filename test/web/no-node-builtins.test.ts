import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Static imports and re-exports that load a module; `import type` is erased and loads nothing. */
const LOADING_IMPORT =
  /^(?:import|export)(?!\s+type\b)[^'"]*?from\s+['"](node:[^'"]+)['"]|^import\s+['"](node:[^'"]+)['"]/gm

// Workers without `nodejs_compat` have no Node built-ins: the Fetch adapters and core must import none (core finds
// `node:crypto` at run time through `process.getBuiltinModule`, and uses WebCrypto where it is missing).
describe('the Fetch adapters and core', () => {
  it('import no Node built-in', () => {
    const offending = ['core', 'web', 'hono'].flatMap((name) => {
      const dir = join(root, 'packages', name, 'src')
      return readdirSync(dir, { recursive: true })
        .map(String)
        .filter((file) => file.endsWith('.ts'))
        .flatMap((file) =>
          [...readFileSync(join(dir, file), 'utf8').matchAll(LOADING_IMPORT)].map(
            (match) => `${name}/src/${file}: ${match[1] ?? match[2]}`,
          ),
        )
    })
    expect(offending).toEqual([])
  })

  it('the check sees a loading import and skips a type-only one', () => {
    const source = "import type * as A from 'node:crypto'\nimport { b } from 'node:buffer'\nimport 'node:fs'\n"
    expect([...source.matchAll(LOADING_IMPORT)].map((m) => m[1] ?? m[2])).toEqual(['node:buffer', 'node:fs'])
  })
})
