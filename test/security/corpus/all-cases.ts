import { ALGORITHMS } from './algorithms.js'
import { CLAIMS } from './claims.js'
import type { CorpusCase } from './corpus-case.js'
import { HEADER } from './header.js'
import { SCOPES } from './scopes.js'
import { STRUCTURE } from './structure.js'
import { STYTCH } from './stytch.js'
import { TAMPERING } from './tampering.js'

/** The whole hostile-token corpus, every group. */
export const CORPUS: readonly CorpusCase[] = [
  ...STRUCTURE,
  ...ALGORITHMS,
  ...TAMPERING,
  ...HEADER,
  ...CLAIMS,
  ...STYTCH,
  ...SCOPES,
]

const names = new Set<string>()
for (const { name } of CORPUS) {
  if (names.has(name)) throw new Error(`duplicate corpus case name: ${name}`)
  names.add(name)
}
