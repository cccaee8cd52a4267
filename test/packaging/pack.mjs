// Shared by the packaging checks: packs the published workspace packages, and repacks a tarball under another
// version (a second copy of a package, as a dependency tree with two versions of core has).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../../', import.meta.url))

/** The folder names under packages/ of every package that is published (not private). */
export function publishedPackages() {
  return readdirSync(join(root, 'packages')).filter((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
    return pkg.private !== true
  })
}

/** Packs one workspace package into `destination`; returns the tarball's path. */
export function packPackage(dir, destination) {
  const cwd = join(root, 'packages', dir)
  const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd, encoding: 'utf8' })
  return out.trim().split('\n').at(-1).trim()
}

/** Repacks `tarball` with `version` in its package.json, into `destination`; returns the new tarball's path. */
export function repackWithVersion(tarball, version, destination) {
  const unpacked = join(destination, `unpacked-${version}`)
  mkdirSync(unpacked, { recursive: true })
  execFileSync('tar', ['-xzf', tarball, '-C', unpacked])
  const manifest = join(unpacked, 'package', 'package.json')
  const pkg = JSON.parse(readFileSync(manifest, 'utf8'))
  writeFileSync(manifest, JSON.stringify({ ...pkg, version }, null, 2))
  const out = join(destination, `${pkg.name.replace('@', '').replace('/', '-')}-${version}.tgz`)
  execFileSync('tar', ['-czf', out, '-C', unpacked, 'package'])
  return out
}
