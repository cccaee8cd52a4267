import { renderProfileDiffs } from './http/profile-files.js'

// `pnpm --filter @m2m-guard/bench profile-diff <dir>`: the protected-vs-plain tables of a `--server-prof` directory,
// again, without loading the servers again.
const dir = process.argv[2]
if (dir === undefined || dir === '--help') {
  console.error('Usage: node dist/profile-diff.js <dir written by run.js --only http --server-prof <dir>>')
  process.exitCode = dir === undefined ? 1 : 0
} else {
  console.log(await renderProfileDiffs(dir))
}
