// Packing the published packages, shared by the packaging checks (check-packages.mjs) and the users' projects suite
// (test/users/run.mjs): both install exactly what `pnpm pack` puts in the tarballs.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))

/**
 * The published (non-private) packages.
 * @returns {{ dir: string, path: string, name: string }[]} Folder name under packages/, absolute path, package name.
 */
export function publishedPackages() {
  return readdirSync(join(root, 'packages'))
    .map((dir) => {
      const path = join(root, 'packages', dir)
      const pkg = JSON.parse(readFileSync(join(path, 'package.json'), 'utf8'))
      return { dir, path, name: pkg.name, private: pkg.private === true }
    })
    .filter((pkg) => !pkg.private)
    .map(({ dir, path, name }) => ({ dir, path, name }))
}

/**
 * Packs one package with `pnpm pack` (which rewrites `workspace:` and `catalog:` ranges to real versions).
 * @param {string} path - The package folder.
 * @param {string} destination - Folder for the tarball.
 * @returns {string} The tarball's absolute path.
 */
export function pack(path, destination) {
  const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], { cwd: path, encoding: 'utf8' })
  return out.trim().split('\n').at(-1).trim()
}

/**
 * The files in a tarball, without the leading `package/`.
 * @param {string} tarball - A tarball's path.
 * @returns {string[]}
 */
export function tarballFiles(tarball) {
  return execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ''))
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
