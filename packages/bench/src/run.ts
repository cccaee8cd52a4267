import { type BenchArgs, parseBenchArgs, USAGE } from './cli/args.js'
import { generateSigningKey } from './fixtures/signing-key.js'
import { renderProfileDiffs } from './http/profile-files.js'
import { runHttp } from './http/run-http.js'
import { runMemory } from './memory/run-memory.js'
import { runMicro } from './micro/run-micro.js'
import { type Goal, renderGoals, type SectionResult } from './report/goal.js'
import { describeMachine } from './report/machine.js'
import { runRuntime } from './runtime/run-runtime.js'

const log = (line: string): void => {
  process.stderr.write(`[bench] ${line}\n`)
}

async function section(title: string, intro: string, run: () => Promise<SectionResult>): Promise<Goal[]> {
  const started = performance.now()
  const result = await run()
  const seconds = ((performance.now() - started) / 1000).toFixed(0)
  console.log(`\n## ${title}\n\n${intro}\n\n${result.markdown}\n\n_(${seconds} s)_`)
  return [...result.goals]
}

async function main(args: BenchArgs): Promise<void> {
  const command = `node${process.execArgv.map((a) => ` ${a}`).join('')} dist/run.js${process.argv
    .slice(2)
    .map((a) => ` ${a}`)
    .join('')}`
  console.log(`# m2m-guard benchmarks${args.smoke ? ' (smoke run: numbers mean nothing)' : ''}\n`)
  console.log(`${describeMachine()}\n- Command: \`${command}\` in packages/bench (\`pnpm bench\` from the root)`)
  if ((globalThis as { gc?: unknown }).gc === undefined) log('warning: run with --expose-gc for cleaner numbers')
  const goals: Goal[] = []
  const { runtime } = args
  if (runtime !== undefined) {
    goals.push(
      ...(await section(
        `Runtime: ${runtime}`,
        `Inside ${runtime}, no HTTP per verification: a bundle of the bench app (RS256 key made with WebCrypto, 256 Stytch-shaped tokens, keys seeded through \`jwks.initial\`, \`read:users\` required). Each timed request runs a calibrated number of operations back to back (about ${args.smoke ? 5 : 200} ms), timed from Node minus an empty request (workerd's clock stands still while code runs). ${args.smoke ? 1 : args.rounds} interleaved rounds; medians. The floor is the fastest bare signature check the runtime offers (the API core uses there). Then the size of the smallest Worker that verifies tokens (esbuild, minified, gzip).`,
        () => runRuntime(runtime, { rounds: args.smoke ? 1 : args.rounds, requestMs: args.smoke ? 5 : 200, log }),
      )),
    )
    if (!args.smoke) console.log(`\n## Goals (issue 14)\n\n${renderGoals(goals)}`)
    return
  }
  const key = generateSigningKey()
  if (args.sections.includes('micro')) {
    goals.push(
      ...(await section(
        'Micro: one verification, no HTTP',
        `${args.rounds} interleaved rounds; in each, every case runs ${args.sliceMs} ms next to a ${args.sliceMs} ms slice of the floor (order rotated each round). 256 distinct RS256 Stytch-shaped tokens, warm key caches, \`read:users\` required where the library can check scopes. ops/s and CPU µs/op (process CPU, all threads) are medians over rounds; "ratio to floor" is the median of the per-pair ops/s ratios (range: min–max); "CPU ratio" is the median of floor CPU per op ÷ case CPU per op.`,
        () => runMicro(key, { rounds: args.rounds, sliceMs: args.sliceMs, tokenCount: 256, only: args.cases, log }),
      )),
    )
  }
  if (args.sections.includes('memory')) {
    const count = args.smoke ? 300 : 10_000
    goals.push(
      ...(await section(
        'Memory: token cache growth',
        'Each scenario in a fresh child process (`--expose-gc`): garbage collected, measured, every token verified once (arriving as a new string, as from a request header), garbage collected, measured again.',
        () => runMemory(key, { count, bigCacheMax: count, log }),
      )),
    )
  }
  if (args.sections.includes('http')) {
    goals.push(
      ...(await section(
        'HTTP: frameworks plain vs protected',
        'Servers (`GET /api/users`, `requireScopes("read:users")`) run in one child process; autocannon runs in this one, so on 2 cores each has its own. Every request carries an `Authorization` header, plain servers included, and every response has the same size (the plain route answers a caller as long as a client id). Ratios are per round against the same framework\'s plain server.',
        () =>
          runHttp(key, {
            rounds: args.smoke ? 1 : args.httpRounds,
            budget: args.smoke ? { requests: 100 } : { seconds: args.httpSeconds },
            warmup: args.smoke ? undefined : { seconds: 1 },
            distinctTokens: args.smoke ? 200 : 10_000,
            frameworks: args.httpFrameworks,
            profileDir: args.serverProfileDir,
            log,
          }),
      )),
    )
    if (args.serverProfileDir !== undefined) {
      console.log(
        `\n## HTTP: where the protected route's CPU goes\n\nSelf CPU per request from the server's per-case profiles in \`${args.serverProfileDir}\` (every round summed; the profiler samples every 100 µs and costs both cases alike).\n\n${await renderProfileDiffs(args.serverProfileDir)}`,
      )
    }
  }
  // A smoke run proves the code works; its numbers say nothing about the goals.
  if (goals.length > 0 && !args.smoke) console.log(`\n## Goals (issue 7)\n\n${renderGoals(goals)}`)
}

let args: BenchArgs | undefined
try {
  args = parseBenchArgs(process.argv.slice(2))
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`)
  process.exit(2)
}
if (args === undefined) {
  console.log(USAGE)
} else {
  try {
    await main(args)
  } catch (error) {
    console.error('\nbench aborted:', error)
    process.exitCode = 1
  }
}
