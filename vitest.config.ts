import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const packages = [
  'core',
  'express',
  'koa',
  'fastify',
  'testing',
  'client',
  'emulator',
  'redis',
  'web',
  'hono',
  'mcp',
  'nestjs',
] as const
const src = (name: string, entry = 'index'): string =>
  fileURLToPath(new URL(`./packages/${name}/src/${entry}.ts`, import.meta.url))

// Tests run against the TypeScript sources; the packed build is exercised by test/packaging. Exact matches, so a
// subpath entry (`@m2m-guard/core/adapter`, `/options`, `/revocation`) resolves to its folder's `index.ts`, not
// below the main entry's.
const alias = [
  {
    find: /^@m2m-guard\/core\/(adapter|options|revocation)$/,
    replacement: fileURLToPath(new URL('./packages/core/src/$1/index.ts', import.meta.url)),
  },
  ...packages.map((name) => ({ find: new RegExp(`^@m2m-guard/${name}$`), replacement: src(name) })),
]

export default defineConfig({
  resolve: { alias },
  test: {
    unstubGlobals: true,
    // The msw major the tests import (vitest.msw3.config.ts switches to 3); checked by the testing package's tests.
    env: { M2M_GUARD_MSW_MAJOR: '2' },
    restoreMocks: true,
    testTimeout: 20_000,
    projects: [
      ...packages.map((name) => ({
        extends: true as const,
        test: { name, include: [`packages/${name}/test/**/*.test.ts`] },
      })),
      { extends: true as const, test: { name: 'root', include: ['test/**/*.test.ts'] } },
      { extends: true as const, test: { name: 'bench', include: ['packages/bench/test/**/*.test.ts'] } },
      { extends: true as const, test: { name: 'examples', include: ['examples/*/test/**/*.test.ts'] } },
    ],
  },
})
