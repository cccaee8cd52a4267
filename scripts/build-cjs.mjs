#!/usr/bin/env node
// CommonJS build of the published packages, beside the ESM one that `tsc --build` writes to dist/.
//
// Why: Jest (and ts-jest, which `nest new` sets up) loads test files as CommonJS through its own module system, and
// on Node 20 that system cannot load an ES module ("Must use import to load ES Module"), whatever Node itself can
// require(). So every package also ships dist/cjs/, reached through the `require` condition of its exports map.
//
// How: for every entry point in a package's exports map, esbuild bundles the compiled ESM file (dist/<entry>.js) into
// dist/cjs/<entry>.js. Only the ESM-only dependencies listed in BUNDLED are inlined (jose 6 has no CommonJS build,
// and requiring it fails under Jest on Node 20 just like our own ESM did); every other dependency, peer dependency and
// sibling @m2m-guard package stays a require() call, so users keep one copy of lru-cache, msw, fastify-plugin and of
// each @m2m-guard package per format. The .d.ts files are copied next to the CommonJS output, where a
// `{"type":"commonjs"}` package.json makes TypeScript read them as CommonJS declarations (no "masquerading" types).
//
// Also copies hand-written declaration files (src/**/*.d.ts, which tsc does not emit) to dist/ first, so that both
// builds ship them.
//
// Usage: node scripts/build-cjs.mjs [package-dir …]   (default: every non-private package under packages/)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** ESM-only dependencies that a CommonJS build must inline (a require() of them fails under Jest on Node 20). */
const BUNDLED = new Set(['jose'])

const root = fileURLToPath(new URL('../', import.meta.url))

/** @returns {string[]} Absolute directories of the packages to build. */
function packageDirs(args) {
  if (args.length > 0) return args.map((dir) => resolve(dir))
  const base = join(root, 'packages')
  return readdirSync(base)
    .map((name) => join(base, name))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .filter((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).private !== true)
}

/**
 * The entry points of an exports map: every subpath whose `import` condition names a file under dist/ and whose
 * `require` condition names the matching file under dist/cjs/.
 * @returns {{ subpath: string, esm: string, cjs: string }[]}
 */
export function entryPoints(pkg) {
  const entries = []
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || target === null) continue
    const esm = target.import?.default
    const cjs = target.require?.default
    if (typeof esm !== 'string' || typeof cjs !== 'string') {
      throw new Error(`${pkg.name}: exports["${subpath}"] needs "import" and "require" conditions with a "default"`)
    }
    const expected = esm.replace(/^\.\/dist\//, './dist/cjs/')
    if (cjs !== expected) throw new Error(`${pkg.name}: exports["${subpath}"].require.default must be ${expected}`)
    entries.push({ subpath, esm, cjs })
  }
  return entries
}

function declarationFiles(dir, skip) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path !== skip) found.push(...declarationFiles(path, skip))
    } else if (entry.name.endsWith('.d.ts')) {
      found.push(path)
    }
  }
  return found
}

async function buildPackage(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const dist = join(dir, 'dist')
  const out = join(dist, 'cjs')
  const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }).filter(
    (name) => !BUNDLED.has(name),
  )
  rmSync(out, { recursive: true, force: true })
  const src = join(dir, 'src')
  for (const file of existsSync(src) ? declarationFiles(src) : []) {
    const target = join(dist, relative(src, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
  }
  const entries = entryPoints(pkg)
  await build({
    absWorkingDir: dir,
    entryPoints: entries.map(({ esm, cjs }) => ({
      in: esm,
      out: cjs.replace(/^\.\/dist\/cjs\//, '').replace(/\.js$/, ''),
    })),
    outdir: out,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    // A package's own dependencies (and their subpaths) stay require() calls; Node built-ins too (platform node).
    external,
    // import() inside a CommonJS module needs Node's ESM loader, which Jest's module system does not provide (it
    // throws ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING): turn the optional msw and lazy node:http imports into require().
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
    legalComments: 'inline',
  })
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`)
  for (const file of declarationFiles(dist, out)) {
    const target = join(out, relative(dist, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
  }
  console.log(`build-cjs: ${pkg.name} (${entries.map((entry) => entry.subpath).join(', ')})`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dir of packageDirs(process.argv.slice(2))) await buildPackage(dir)
}
