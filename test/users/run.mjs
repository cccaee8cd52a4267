#!/usr/bin/env node
// The users' projects suite: packs the published packages, creates fresh projects the way users set them up (ESM
// TypeScript with Vitest, CommonJS TypeScript, plain CommonJS JavaScript, Jest + ts-jest as `nest new` configures it,
// a project without msw), installs the tarballs with plain npm once per project, then runs `tsc` and each project's
// tests under every supported Node major (20, 22, 24; a types-only project under the first). Each step runs with
// that Node's binary (a tool through its package's `bin` entry, not a shebang), whose folder also leads PATH, so
// workers and anything spawned as `node` run under it too. The Vitest and Jest projects assert the version from
// inside a test and report it back.
//
// Usage: node test/users/run.mjs [project …]   (default: every project)
// USERS_NODES=20,22 picks the Node majors (default 20,22,24); a major other than the running Node's comes from npm's
// `node` package (`npx -y -p node@22`, kept in npx's cache after the first run).
// Tool versions are pinned to the majors the packages are tested with; installs use npm's cache (--prefer-offline).
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { pack, publishedPackages, root } from '../packaging/pack.mjs'

const TOOLS = {
  typescript: '~5.9.3',
  '@types/node': '^20.19.0',
  vitest: '~4.1.0',
  supertest: '^7.1.0',
  '@types/supertest': '^6.0.3',
  msw: '^2.11.0',
  jest: '^30.0.0',
  'ts-jest': '^29.4.0',
  '@types/jest': '^30.0.0',
  express: '^5.1.0',
  '@types/express': '^5.0.3',
  koa: '^3.0.1',
  '@types/koa': '^3.0.0',
  fastify: '^5.6.0',
}

/** The Node majors every project runs under: the oldest supported line and the current LTS lines. */
const NODE_MAJORS = (process.env.USERS_NODES ?? '20,22,24').split(',').map((major) => major.trim())

/** The tools steps name, and the package whose `bin` entry runs each (with the chosen Node binary). */
const BINS = { tsc: 'typescript', vitest: 'vitest', jest: 'jest' }

const tsc = (config = 'tsconfig.json') => ['tsc', '-p', config]

/** The root README's testing example, verbatim: the first TypeScript block of its "Testing your API" section. */
function readmeTestingExample() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('## Testing your API'))
  const block = /```ts\n([\s\S]*?)```/.exec(section)
  if (block === null) throw new Error('README.md: no ts block under "## Testing your API"')
  return block[1]
}

const PROJECTS = {
  'esm-vitest': {
    about: 'TypeScript ESM (nodenext) + Vitest + supertest + msw: the README testing example',
    type: 'module',
    packages: ['core', 'express', 'testing'],
    tools: ['typescript', '@types/node', 'vitest', 'supertest', '@types/supertest', 'msw', 'express', '@types/express'],
    prepare: (dir) => writeFileSync(join(dir, 'src', 'app.test.ts'), readmeTestingExample()),
    steps: [tsc(), ['vitest', 'run']],
    reportsNode: true,
  },
  'cjs-typescript': {
    about: 'CommonJS TypeScript, module commonjs and module node16, run with node',
    type: 'commonjs',
    packages: ['core', 'express', 'koa', 'fastify', 'testing', 'client'],
    tools: ['typescript', '@types/node', 'express', '@types/express', 'koa', '@types/koa', 'fastify'],
    steps: [
      tsc('tsconfig.commonjs.json'),
      ['node', 'dist-commonjs/main.js'],
      tsc('tsconfig.node16.json'),
      ['node', 'dist-node16/main.js'],
    ],
  },
  'cjs-javascript': {
    about: 'plain CommonJS JavaScript with require()',
    type: 'commonjs',
    packages: ['core', 'express', 'koa', 'fastify', 'testing', 'client'],
    tools: ['express', 'koa', 'fastify'],
    steps: [['node', 'main.js']],
  },
  'jest-ts-jest': {
    about: 'Jest + ts-jest as `nest new` (Nest 11) configures them: CommonJS, nodenext; Express, supertest, listen()',
    type: 'commonjs',
    packages: ['core', 'express', 'testing'],
    tools: [
      'typescript',
      '@types/node',
      'jest',
      'ts-jest',
      '@types/jest',
      'supertest',
      '@types/supertest',
      'express',
      '@types/express',
    ],
    manifest: {
      jest: {
        moduleFileExtensions: ['js', 'json', 'ts'],
        rootDir: 'src',
        testRegex: '.*\\.spec\\.ts$',
        transform: { '^.+\\.(t|j)s$': 'ts-jest' },
        collectCoverageFrom: ['**/*.(t|j)s'],
        coverageDirectory: '../coverage',
        testEnvironment: 'node',
      },
    },
    steps: [tsc(), ['jest', '--ci']],
    reportsNode: true,
  },
  'nestjs-12': {
    about:
      'NestJS 12 (ES modules) on the Express and the Fastify platform: forRoot, guard, decorators, headers, no ERROR log',
    type: 'module',
    packages: ['core', 'nestjs', 'testing'],
    tools: [],
    specs: [
      '@nestjs/common@^12',
      '@nestjs/core@^12',
      '@nestjs/platform-express@^12',
      '@nestjs/platform-fastify@^12',
      'reflect-metadata@^0.2',
      'rxjs@^7',
    ],
    shared: ['nest-app-checks.cjs'],
    steps: [['node', 'main.js']],
  },
  'nestjs-11': {
    about: 'NestJS 11 (CommonJS: require() gets our CommonJS build) on the Express and the Fastify platform',
    type: 'commonjs',
    packages: ['core', 'nestjs', 'testing'],
    tools: [],
    specs: [
      '@nestjs/common@^11',
      '@nestjs/core@^11',
      '@nestjs/platform-express@^11',
      '@nestjs/platform-fastify@^11',
      'reflect-metadata@^0.2',
      'rxjs@^7',
    ],
    shared: ['nest-app-checks.cjs'],
    steps: [['node', 'main.js']],
  },
  'types-without-msw': {
    about: 'no msw installed, skipLibCheck false: the public types of every package compile (nodenext, commonjs)',
    type: 'module',
    packages: ['core', 'express', 'koa', 'fastify', 'testing', 'client'],
    tools: ['typescript', '@types/node', 'express', '@types/express', 'koa', '@types/koa', 'fastify'],
    // Express 5 hoists content-disposition 1, whose own types lack what @types/koa uses: with skipLibCheck false that
    // fails in @types/koa, not in ours. This project only type-checks, so pin the version @types/koa was written for.
    manifest: { overrides: { 'content-disposition': '0.5.4' } },
    // Only type checks (and a require.resolve): what tsc reports depends on the files, never on the Node running it,
    // so this one runs once, under the first Node, sparing about half a minute per extra Node.
    typesOnly: true,
    steps: [
      tsc(),
      tsc('tsconfig.commonjs.json'),
      ['node', '-e', "try { require.resolve('msw') } catch { process.exit(0) } process.exit(1)"],
    ],
  },
}

const selected = process.argv.slice(2)
const names = selected.length > 0 ? selected : Object.keys(PROJECTS)
for (const name of names) if (!(name in PROJECTS)) throw new Error(`unknown project ${name}`)

const started = Date.now()
const nodes = NODE_MAJORS.map(resolveNode)
console.log(`node versions: ${nodes.map((node) => node.version).join(', ')}`)
const work = mkdtempSync(join(tmpdir(), 'm2m-guard-users-'))
const keep = process.env.USERS_KEEP === '1' // keep the projects, to debug a failure
let passed = 0
let failed = 0
try {
  const tarballDir = join(work, 'tarballs')
  mkdirSync(tarballDir)
  const tarballs = Object.fromEntries(publishedPackages().map((pkg) => [pkg.dir, pack(pkg.path, tarballDir)]))

  for (const name of names) {
    const project = PROJECTS[name]
    const dir = join(work, name)
    let projectStarted = Date.now()
    console.log(`- ${name}: ${project.about}`)
    try {
      cpSync(fileURLToPath(new URL(`./projects/${name}`, import.meta.url)), dir, { recursive: true })
      // Files several projects run, from test/users/shared/.
      for (const file of project.shared ?? []) {
        cpSync(fileURLToPath(new URL(`./shared/${file}`, import.meta.url)), join(dir, file))
      }
      const manifest = { name: `users-${name}`, private: true, type: project.type, ...project.manifest }
      writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`)
      project.prepare?.(dir)
      const specs = [
        ...project.packages.map((pkg) => tarballs[pkg]),
        ...project.tools.map((tool) => `${tool}@${TOOLS[tool]}`),
        ...(project.specs ?? []),
      ]
      // --install-links=false is npm's default; tarballs are installed as copies, like from the registry.
      const install = ['npm', 'install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', ...specs]
      process.stdout.write(`  $ ${install.join(' ')}\n`)
      sh(dir, install)
      console.log(`  installed (${seconds(projectStarted)})`)
    } catch (error) {
      // Nothing runs without the install: every Node counts as failed.
      failed += project.typesOnly ? 1 : nodes.length
      console.log(`  FAILED to install (${seconds(projectStarted)})`)
      console.log(String(error.stdout ?? ''), String(error.stderr ?? error.message ?? error))
      continue
    }
    for (const node of project.typesOnly ? nodes.slice(0, 1) : nodes) {
      projectStarted = Date.now()
      const report = join(dir, '.node-version')
      try {
        rmSync(report, { force: true })
        for (const step of project.steps) run(dir, node, step, report)
        if (project.reportsNode) checkReport(report, node)
        passed++
        console.log(`  ok on node ${node.version} (${seconds(projectStarted)})`)
      } catch (error) {
        failed++
        console.log(`  FAILED on node ${node.version} (${seconds(projectStarted)})`)
        console.log(String(error.stdout ?? ''), String(error.stderr ?? error.message ?? error))
      }
    }
  }
} finally {
  if (keep) console.log(`projects kept in ${work}`)
  else rmSync(work, { recursive: true, force: true })
}
console.log(`users-projects: ${passed} passed, ${failed} failed (${seconds(started)})`)
process.exit(failed === 0 ? 0 : 1)

function sh(cwd, [command, ...args], env = {}) {
  execFileSync(command, args, {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, CI: '1', ...env },
  })
}

/** The binary of a Node major: the running one when it matches, else npm's `node` package through npx. */
function resolveNode(major) {
  if (!/^\d+$/.test(major)) throw new Error(`USERS_NODES: "${major}" is not a Node major`)
  if (process.versions.node.split('.')[0] === major) return { path: process.execPath, version: process.version }
  const script = 'console.log(JSON.stringify({ path: process.execPath, version: process.version }))'
  const output = execFileSync('npx', ['-y', '-p', `node@${major}`, 'node', '-e', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  })
  const node = JSON.parse(output.trim().split('\n').at(-1))
  if (!node.version.startsWith(`v${major}.`)) throw new Error(`node@${major} is ${node.version}`)
  return node
}

/** Runs a step with `node`'s binary: `node …` directly, a tool (`tsc`, `vitest`, `jest`) through its JS entry. */
function run(dir, node, [tool, ...args], report) {
  const stepStarted = Date.now()
  process.stdout.write(`  [${node.version}] $ ${[tool, ...args].join(' ')}`)
  const command = tool === 'node' ? [node.path, ...args] : [node.path, binEntry(dir, tool), ...args]
  try {
    sh(dir, command, {
      PATH: `${dirname(node.path)}${delimiter}${process.env.PATH ?? ''}`,
      USERS_NODE_VERSION: node.version,
      USERS_NODE_REPORT: report,
    })
  } finally {
    process.stdout.write(` (${seconds(stepStarted)})\n`)
  }
}

function binEntry(dir, tool) {
  const packageDir = join(dir, 'node_modules', BINS[tool])
  const { bin } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
  return join(packageDir, typeof bin === 'string' ? bin : bin[tool])
}

/** The version a test wrote from inside the runner (and its workers): proof the tests ran under `node`. */
function checkReport(report, node) {
  const reported = existsSync(report) ? readFileSync(report, 'utf8') : 'nothing'
  if (reported !== node.version) throw new Error(`the tests reported ${reported}, expected ${node.version}`)
}

function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)}s`
}
