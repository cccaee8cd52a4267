// What must not be in a published tarball: TypeScript build info, source or declaration maps (they point to src/,
// which is not shipped), and README links to files outside the package (they are dead on the registry's page).
import { posix } from 'node:path'

const LINK = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm

/**
 * @param {string[]} files - The tarball's files, relative to the package root.
 * @param {string} readme - The shipped README.md.
 * @returns {string[]} One line per problem; empty when the tarball is clean.
 */
export function tarballProblems(files, readme) {
  const problems = []
  for (const file of files) {
    if (file.endsWith('.tsbuildinfo')) problems.push(`ships TypeScript build info: ${file}`)
    if (file.endsWith('.map')) problems.push(`ships a source map: ${file}`)
  }
  for (const match of readme.matchAll(LINK)) {
    const href = match[1] ?? match[2]
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('#')) continue
    const target = posix.normalize(href.split('#')[0])
    const shipped = files.some((file) => file === target || file.startsWith(`${target.replace(/\/$/, '')}/`))
    if (target.startsWith('..') || target.startsWith('/') || !shipped) {
      problems.push(`README links to ${href}, which the package does not ship (use an absolute GitHub URL)`)
    }
  }
  return problems
}
