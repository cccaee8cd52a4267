import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const packages = ['core', 'express', 'koa', 'fastify', 'testing', 'client'] as const
const src = (name: string): string => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

// Tests run against the TypeScript sources; the packed build is exercised by test/packaging. A subpath entry
// (`@m2m-guard/core/options`) maps to the folder's `index.ts`; it comes first, as a bare name would match it too.
const alias = [
  {
    find: /^@m2m-guard\/([a-z]+)\/([a-z-]+)$/,
    replacement: fileURLToPath(new URL('./packages/$1/src/$2/index.ts', import.meta.url)),
  },
  ...packages.map((name) => ({ find: `@m2m-guard/${name}`, replacement: src(name) })),
]

export default defineConfig({
  resolve: { alias },
  test: {
    unstubGlobals: true,
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
