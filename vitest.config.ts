import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const packages = ['core', 'express', 'koa', 'fastify', 'testing', 'client'] as const
const src = (name: string): string => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url))

// Tests run against the TypeScript sources; the packed build is exercised by test/packaging.
const alias = Object.fromEntries(packages.map((name) => [`@m2m-guard/${name}`, src(name)]))

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
