// The suite runs this project under several Node versions: this proves Jest (and its workers) ran under the one the
// suite asked for, not the Node that started it.
import { writeFileSync } from 'node:fs'

it('runs under the Node version the suite asked for', () => {
  console.log(`node ${process.version}`)
  const expected = process.env.USERS_NODE_VERSION
  if (expected !== undefined) expect(process.version).toBe(expected)
  const report = process.env.USERS_NODE_REPORT
  if (report !== undefined) writeFileSync(report, process.version)
})
