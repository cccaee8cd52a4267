#!/usr/bin/env node
// Packaging checks: publint --strict and attw (ESM-only profile) on every published package, then pack them,
// install the tarballs into a temporary folder and import AND require() them on Node 20 (this one), 22 and 24.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packPackage, publishedPackages, root } from './pack-packages.mjs'

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

const work = mkdtempSync(join(tmpdir(), 'm2m-guard-pack-'))
try {
  const tarballs = []
  for (const dir of published) {
    const cwd = join(root, 'packages', dir)
    run(`publint --strict ${dir}`, 'pnpm', ['exec', 'publint', '--strict'], { cwd })
    const tarball = packPackage(dir, work)
    tarballs.push(tarball)
    run(
      `attw --profile esm-only ${dir}`,
      'pnpm',
      ['exec', 'attw', '--profile', 'esm-only', '--format', 'table-flipped', tarball],
      {
        cwd,
      },
    )
  }

  const app = join(work, 'app')
  cpSync(join(root, 'test', 'packaging', 'smoke'), app, { recursive: true })
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'smoke', private: true, type: 'module' }))
  execFileSync(
    'npm',
    ['install', '--no-audit', '--no-fund', '--loglevel=error', ...tarballs, 'express@5', 'koa@3', 'fastify@5', 'msw@2'],
    { cwd: app, stdio: 'inherit' },
  )
  run(`smoke on node ${process.version}`, process.execPath, ['smoke.mjs'], { cwd: app })
  for (const version of otherNodes) {
    run(`smoke on node ${version}`, 'npx', ['-y', '-p', `node@${version}`, 'node', 'smoke.mjs'], { cwd: app })
  }
} finally {
  rmSync(work, { recursive: true, force: true })
}
console.log(`packaging: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
