// `pnpm demo`: the whole Stytch M2M workflow against an embedded fake Stytch. Exits 1 if any step fails.
import { runDemo } from './run-demo.js'

// A watchdog: the demo takes about a second; if something hangs, fail instead of waiting forever.
setTimeout(() => {
  process.stderr.write('demo: no result after 60 s, giving up\n')
  process.exit(1)
}, 60_000).unref()

const failed = await runDemo({
  write: (text) => process.stdout.write(text),
  color: process.stdout.isTTY === true && process.env.NO_COLOR === undefined,
})
process.exitCode = failed === 0 ? 0 : 1
