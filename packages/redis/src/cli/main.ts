#!/usr/bin/env node
import { runCli } from './run-cli.js'

// Not a top-level await: the CommonJS build of this file cannot have one.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
}).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    process.stderr.write(`m2m-guard: ${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  },
)
