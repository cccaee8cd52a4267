#!/usr/bin/env node
// Packaging checks: publint --strict and attw (default profile: ESM for `import`, CommonJS for `require`) on every
// published package, the tarball's contents (no build info, no source maps, no README links to files it does not
// ship), then install the tarballs into a temporary folder and import AND require() them on Node 20 (this one), 22
// and 24.
// Then the two-copies check: a second copy of core (another version, installed as `core-copy`) next to the one the
// adapters use; an adapter must still answer 401/403/503 right for a verifier from that copy.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pack, publishedPackages, repackWithVersion, tarballFiles } from './pack.mjs'
import { tarballProblems } from './tarball-problems.mjs'

const published = publishedPackages()
const otherNodes = (process.env.SMOKE_NODE_VERSIONS ?? '22,24').split(',').filter(Boolean)
let passed = 0
let failed = 0

function run(label, command, args, options = {}) {
  process.stdout.write(`- ${label} ... `)
  try {
    execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...options })
    passed++
    console.log('ok')
  } catch (error) {
    failed++
    console.log('FAILED')
    console.log(String(error.stdout ?? ''), String(error.stderr ?? ''))
  }
}

/** Like run(), for a check done in this process: `problems` returns the list of what is wrong. */
function check(label, problems) {
  process.stdout.write(`- ${label} ... `)
  const found = problems()
  if (found.length === 0) {
    passed++
    console.log('ok')
  } else {
    failed++
    console.log('FAILED')
    for (const problem of found) console.log(`  ${problem}`)
  }
}

function readme(tarball) {
  return execFileSync('tar', ['-xzOf', tarball, 'package/README.md'], { encoding: 'utf8' })
}

const work = mkdtempSync(join(tmpdir(), 'm2m-guard-pack-'))
try {
  const tarballs = []
  for (const { dir, path } of published) {
    const cwd = path
    run(`publint --strict ${dir}`, 'pnpm', ['exec', 'publint', '--strict'], { cwd })
    const tarball = pack(path, work)
    tarballs.push(tarball)
    run(`attw ${dir}`, 'pnpm', ['exec', 'attw', '--format', 'table-flipped', tarball], { cwd })
    check(`tarball contents ${dir}`, () => tarballProblems(tarballFiles(tarball), readme(tarball)))
  }

  const app = join(work, 'app')
  cpSync(new URL('./smoke', import.meta.url), app, { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }))
  const core = tarballs.find((tarball) => tarball.includes('m2m-guard-core-'))
  const coreCopy = repackWithVersion(core, '0.0.0-second-copy', work)
  execFileSync(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...tarballs,
      `core-copy@file:${coreCopy}`,
      'express@5',
      'koa@3',
      'fastify@5',
      'hono@4',
      '@nestjs/common@11',
      '@nestjs/core@11',
      'reflect-metadata@0.2',
      'rxjs@7',
      'msw@2',
      '@modelcontextprotocol/sdk@1',
    ],
    { cwd: app, stdio: 'inherit' },
  )
  run(`smoke on node ${process.version}`, process.execPath, ['smoke.mjs'], { cwd: app })
  run('two copies of core: adapters answer errors of the other copy', process.execPath, ['two-copies.mjs'], {
    cwd: app,
  })
  for (const version of otherNodes) {
    run(`smoke on node ${version}`, 'npx', ['-y', '-p', `node@${version}`, 'node', 'smoke.mjs'], { cwd: app })
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`packaging: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
