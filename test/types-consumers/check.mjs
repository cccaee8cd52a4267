#!/usr/bin/env node
// Users type-check against our published types with TypeScript 7 (the native compiler) and 5.9: pack every
// published package, install the tarballs with both compilers into a temporary project (once with msw 2, once with
// msw 3: @m2m-guard/testing's declarations name msw's types), and run `tsc --noEmit` on
// test/types-consumers/project/consumer.mts (strict, module and moduleResolution NodeNext), skipLibCheck on and off.
import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pack, publishedPackages, root } from '../packaging/pack.mjs'

// The compilers users run; npm aliases let both live in one project. Add a line for a new TypeScript major.
const COMPILERS = { 'typescript 7': 'ts7@npm:typescript@7', 'typescript 5.9': 'ts59@npm:typescript@~5.9.3' }
// What a user of every package installs next to it (the frameworks' own types included), and the msw majors.
const PEERS = ['express@5', '@types/express@5', 'koa@3', '@types/koa@3', 'fastify@5', '@types/node@22']
const MSW = ['msw@2', 'msw@3']

/** A tsc error located in a dependency's declarations other than ours. */
const isThirdParty = (line) => line.startsWith('node_modules/') && !line.startsWith('node_modules/@m2m-guard/')

const work = mkdtempSync(join(tmpdir(), 'm2m-guard-types-'))
let passed = 0
let failed = 0
try {
  const tarballs = publishedPackages().map(({ path }) => pack(path, work))
  for (const msw of MSW) {
    const app = join(work, msw)
    cpSync(join(root, 'test', 'types-consumers', 'project'), app, { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'types-consumer', private: true, type: 'module' }))
    const install = [...tarballs, ...PEERS, msw, ...Object.values(COMPILERS)]
    // msw 3 declares Node 22.12+; only its types are used here, so the Node running this script does not matter.
    execFileSync(
      'npm',
      ['install', '--no-audit', '--no-fund', '--loglevel=error', '--engine-strict=false', ...install],
      {
        cwd: app,
        stdio: 'inherit',
      },
    )
    check(app, msw)
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`types-consumers: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)

/** Runs every compiler on the project in `app`, with skipLibCheck off and on. */
function check(app, msw) {
  for (const skipLibCheck of [false, true]) {
    const tsconfig = {
      compilerOptions: {
        strict: true,
        target: 'es2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        types: ['node'],
        noEmit: true,
        skipLibCheck,
      },
      files: ['consumer.mts'],
    }
    const name = `tsconfig.skip-${skipLibCheck}.json`
    writeFileSync(join(app, name), JSON.stringify(tsconfig, null, 2))
    for (const [label, spec] of Object.entries(COMPILERS)) {
      const tsc = join(app, 'node_modules', spec.split('@npm:')[0], 'bin', 'tsc')
      const title = `${label}, ${msw}, skipLibCheck ${skipLibCheck}`
      const version = execFileSync(process.execPath, [tsc, '--version'], { cwd: app, encoding: 'utf8' }).trim()
      const result = spawnSync(process.execPath, [tsc, '-p', name], { cwd: app, encoding: 'utf8' })
      const output = `${result.stdout}${result.stderr}`
      const errors = output.split('\n').filter((line) => /error TS\d+/.test(line))
      const theirs = errors.filter(isThirdParty)
      const ours = errors.filter((line) => !isThirdParty(line))
      if (result.status === 0 || (ours.length === 0 && theirs.length > 0)) {
        passed++
        console.log(`- ${title} (${version}) ... ok`)
        // Errors inside other packages' declarations (e.g. @types/koa against a newer content-disposition) are
        // not ours to fix, but users with skipLibCheck off see them too: shown, not counted.
        for (const line of theirs) console.log(`    third-party: ${line}`)
      } else {
        failed++
        console.log(`- ${title} (${version}) ... FAILED`)
        console.log(output)
      }
    }
  }
}
