import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { importSpecifiers, listSources } from './import-graph.js'

const root = fileURLToPath(new URL('../..', import.meta.url))

it('package tests import nothing outside their own package by a relative path (the root test/ folder included)', () => {
  const offending: string[] = []
  for (const name of readdirSync(join(root, 'packages'))) {
    const packageDir = join(root, 'packages', name)
    const testDir = join(packageDir, 'test')
    if (!existsSync(testDir)) continue
    for (const file of listSources(testDir)) {
      for (const specifier of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (!specifier.startsWith('.')) continue
        const target = resolve(dirname(file), specifier)
        if (relative(packageDir, target).startsWith('..')) offending.push(`${relative(root, file)}: ${specifier}`)
      }
    }
  }
  expect(offending).toEqual([])
})
