#!/usr/bin/env node
// CommonJS build of the published packages, beside the ESM one that `tsc --build` writes to dist/.
//
// Why: Jest (and ts-jest, which `nest new` sets up) loads test files as CommonJS through its own module system, and
// on Node 20 that system cannot load an ES module ("Must use import to load ES Module"), whatever Node itself can
// require(). So every package also ships dist/cjs/, reached through the `require` condition of its exports map.
//
// How: esbuild converts every compiled ESM file dist/<path>.js to dist/cjs/<path>.js, one file for one file, so that
// all entry points of a package (`.` and any subpath) share one instance of each internal module, as in ESM; a bundle
// per entry point would give two subpaths two copies of, say, the error classes. Imports stay as they are, except:
// - ESM-only dependencies (BUNDLED: jose 6 has no CommonJS build, and requiring it fails under Jest on Node 20 just
//   like our own ESM did) are bundled once per package into dist/cjs/vendor/<name>.js, with only the names the
//   package imports, and required from there;
// - import() becomes require(), as Jest provides no ESM loader for it either (the optional msw, the lazy node:http).
// Every other dependency, peer dependency and sibling @m2m-guard package stays a require() of the package, so users
// keep one copy of lru-cache, msw, fastify-plugin and of each @m2m-guard package per format. The .d.ts files are
// copied next to the CommonJS output, where a `{"type":"commonjs"}` package.json makes TypeScript read them as
// CommonJS declarations (no "masquerading" types). Hand-written declaration files (src/**/*.d.ts, which tsc does not
// emit) are copied to dist/ first, so that both builds ship them.
//
// The exports map drives it: a new subpath or package gets a CommonJS build by listing
// `{ "import": { "types", "default": "./dist/x.js" }, "require": { "types", "default": "./dist/cjs/x.js" } }`.
//
// Usage: node scripts/build-cjs.mjs [package-dir …]   (default: every non-private package under packages/)
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

/** ESM-only dependencies that a CommonJS build must inline (a require() of them fails under Jest on Node 20). */
const BUNDLED = ['jose']

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
 * Checks that every subpath of the exports map has an `import` condition under dist/ and the matching `require`
 * condition under dist/cjs/.
 * @returns {string[]} The subpaths.
 */
function checkExports(pkg) {
  const subpaths = []
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    if (typeof target !== 'object' || target === null) continue
    const esm = target.import?.default
    const cjs = target.require?.default
    if (typeof esm !== 'string' || typeof cjs !== 'string' || !esm.startsWith('./dist/')) {
      throw new Error(`${pkg.name}: exports["${subpath}"] needs "import" and "require" conditions with a "default"`)
    }
    const expected = esm.replace(/^\.\/dist\//, './dist/cjs/')
    if (cjs !== expected) throw new Error(`${pkg.name}: exports["${subpath}"].require.default must be ${expected}`)
    if (target.require.types !== expected.replace(/\.js$/, '.d.ts')) {
      throw new Error(`${pkg.name}: exports["${subpath}"].require.types must be ${expected.replace(/\.js$/, '.d.ts')}`)
    }
    subpaths.push(subpath)
  }
  return subpaths
}

function filesEndingWith(dir, suffix, skip) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      if (path !== skip) found.push(...filesEndingWith(path, suffix, skip))
    } else if (entry.name.endsWith(suffix)) {
      found.push(path)
    }
  }
  return found
}

function copyTree(files, from, to) {
  for (const file of files) {
    const target = join(to, relative(from, file))
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
  }
}

/**
 * The names each BUNDLED dependency is imported with across the compiled files (tsc writes `import { a, b as c }`);
 * `*` when some file uses it any other way (namespace, default, re-export, import()).
 */
function importedNames(files) {
  const names = new Map(BUNDLED.map((name) => [name, new Set()]))
  for (const file of files) {
    const code = readFileSync(file, 'utf8')
    for (const dependency of BUNDLED) {
      const quoted = `['"]${dependency.replace(/[/.]/g, '\\$&')}['"]`
      const named = [...code.matchAll(new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*${quoted}`, 'g'))]
      const uses = code.match(new RegExp(`(?:from\\s*|import\\s*\\(\\s*|import\\s*)${quoted}`, 'g')) ?? []
      if (uses.length > named.length) names.get(dependency).add('*')
      for (const match of named) {
        for (const part of match[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0]
          if (name !== '') names.get(dependency).add(name)
        }
      }
    }
  }
  return names
}

async function buildPackage(dir) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const subpaths = checkExports(pkg)
  const dist = join(dir, 'dist')
  const out = join(dist, 'cjs')
  rmSync(out, { recursive: true, force: true })
  const src = join(dir, 'src')
  if (existsSync(src)) copyTree(filesEndingWith(src, '.d.ts'), src, dist)

  const modules = filesEndingWith(dist, '.js', out)
  const vendored = new Map()
  for (const [dependency, names] of importedNames(modules)) {
    if (names.size === 0) continue
    const file = join(out, 'vendor', `${dependency.replaceAll('/', '__')}.js`)
    vendored.set(dependency, file)
    const contents = names.has('*')
      ? `export * from '${dependency}'`
      : `export { ${[...names].sort().join(', ')} } from '${dependency}'`
    await build({
      stdin: { contents, resolveDir: dir, sourcefile: `vendor-${dependency}.js` },
      outfile: file,
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20.19',
      logLevel: 'warning',
      legalComments: 'inline',
    })
  }

  await build({
    absWorkingDir: dir,
    entryPoints: modules,
    outbase: dist,
    outdir: out,
    // "bundle" only so that the plugin sees every import; it marks them all external, so each file stays one module.
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20.19',
    supported: { 'dynamic-import': false },
    logLevel: 'warning',
    plugins: [
      {
        name: 'one-file-per-module',
        setup(esbuild) {
          esbuild.onResolve({ filter: /.*/ }, (args) => {
            if (args.kind === 'entry-point') return undefined
            const vendor = vendored.get(args.path)
            if (vendor === undefined) return { path: args.path, external: true }
            const importer = join(out, relative(dist, args.importer))
            const path = relative(dirname(importer), vendor).split(sep).join('/')
            return { path: path.startsWith('.') ? path : `./${path}`, external: true }
          })
        },
      },
    ],
  })
  writeFileSync(join(out, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`)
  copyTree(filesEndingWith(dist, '.d.ts', out), dist, out)
  const bundled = [...vendored.keys()].join(', ') || 'nothing'
  console.log(`build-cjs: ${pkg.name} (${subpaths.join(', ')}; bundled: ${bundled})`)
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dir of packageDirs(process.argv.slice(2))) await buildPackage(dir)
}
