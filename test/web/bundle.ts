import { fileURLToPath } from 'node:url'
import { build, type Plugin } from 'esbuild'

const root = (path: string): string => fileURLToPath(new URL(`../../${path}`, import.meta.url))

/** The workspace packages, from their TypeScript sources (as vitest runs them), so no build is needed first. */
const sources: Plugin = {
  name: 'workspace-sources',
  setup(context) {
    context.onResolve({ filter: /^@m2m-guard\/(core|web|hono)(\/(adapter|options))?$/ }, ({ path }) => {
      const [, name, , subpath] = /^@m2m-guard\/([a-z]+)(\/([a-z]+))?$/.exec(path) ?? []
      return { path: root(`packages/${name}/src/${subpath === undefined ? '' : `${subpath}/`}index.ts`) }
    })
  },
}

/** Options of {@link bundle}. */
export interface BundleOptions {
  /** Entry file under `test/web/app/`, or any path from the repository root. */
  entry: string
  outfile: string
  /** Compile-time constants (`__TEST_ENV__`). */
  define?: Record<string, string>
  minify?: boolean
  /** Resolve the packages from their sources (default) or from their built `dist` (for bundle sizes). */
  fromSources?: boolean
}

/**
 * Bundles an entry into one ES module for a non-Node runtime: `platform: 'neutral'` with the `worker`/`browser`
 * conditions, so nothing of Node is pulled in (core reaches `node:crypto` only through `process.getBuiltinModule`
 * at run time, and uses WebCrypto where that is missing).
 */
export async function bundle(options: BundleOptions): Promise<void> {
  await build({
    entryPoints: [options.entry],
    outfile: options.outfile,
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser', 'import'],
    define: options.define ?? {},
    minify: options.minify ?? false,
    plugins: options.fromSources === false ? [] : [sources],
    logLevel: 'error',
  })
}
