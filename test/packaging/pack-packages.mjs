// Shared by the checks that install the packed packages (test/packaging, test/types-consumers): which packages are
// published, and `pnpm pack` of one of them (pnpm rewrites `workspace:` and `catalog:` ranges as a publish would).
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))

/** Folder names under packages/ of the packages that are not private. */
export function publishedPackages() {
  return readdirSync(join(root, 'packages')).filter((dir) => {
    const pkg = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
    return pkg.private !== true
  })
}

/** Packs packages/<dir> into `destination` and returns the tarball's path. */
export function packPackage(dir, destination) {
  const out = execFileSync('pnpm', ['pack', '--pack-destination', destination], {
    cwd: join(root, 'packages', dir),
    encoding: 'utf8',
  })
  return out.trim().split('\n').at(-1).trim()
}
