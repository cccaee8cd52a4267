import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'

/**
 * The Markdown files whose code blocks are checked, relative to the root: root-level docs, docs/ (recursively),
 * and the README of every package and example.
 */
export function markdownFiles(root: string): string[] {
  const files = readdirSync(root).filter((name) => name.endsWith('.md'))
  const docs = (folder: string): string[] =>
    readdirSync(join(root, folder), { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory()
        ? docs(`${folder}/${entry.name}`)
        : entry.name.endsWith('.md')
          ? [`${folder}/${entry.name}`]
          : [],
    )
  const readmes = ['packages', 'examples'].flatMap((folder) =>
    readdirSync(join(root, folder))
      .map((name) => `${folder}/${name}/README.md`)
      .filter((file) => existsSync(join(root, file))),
  )
  return [...files, ...docs('docs'), ...readmes].sort()
}
