import type { MicroCase } from './micro-case.js'

/** One timed slice of one case. */
export interface Sample {
  /** Verifications completed. */
  readonly ops: number
  /** Wall-clock milliseconds. */
  readonly wallMs: number
  /** Process CPU (user + system, all threads) in microseconds. */
  readonly cpuUs: number
}

/** Where a case is in the token set; kept across rounds so every case keeps cycling in order. */
export interface Cursor {
  index: number
}

/** Operations between two looks at the clock. */
const CHUNK = 64

/**
 * Runs a case for about `sliceMs`, in chunks of about 64 operations (whole batches when several are in flight), and
 * measures wall time and process CPU.
 *
 * @param verifyCase - The case.
 * @param sliceMs - Target duration.
 * @param tokens - The token set, cycled through in order.
 * @param cursor - The case's position in it.
 * @returns The sample.
 * @throws whatever an operation throws: a rejected token aborts the run.
 */
export async function timeSlice(
  verifyCase: MicroCase,
  sliceMs: number,
  tokens: readonly string[],
  cursor: Cursor,
): Promise<Sample> {
  const { inFlight, sync, verify } = verifyCase
  const op = verifyCase.op ?? ((index: number) => verify(tokens[index]!))
  const count = tokens.length
  const next = (): number => {
    const index = cursor.index
    cursor.index = index + 1 === count ? 0 : index + 1
    return index
  }
  const perChunk = inFlight * Math.ceil(CHUNK / inFlight)
  let ops = 0
  const cpu = process.cpuUsage()
  const start = performance.now()
  const end = start + sliceMs
  let now = start
  do {
    if (sync) {
      for (let i = 0; i < perChunk; i++) op(next())
    } else if (inFlight === 1) {
      for (let i = 0; i < perChunk; i++) await op(next())
    } else {
      for (let done = 0; done < perChunk; done += inFlight) {
        const batch: unknown[] = []
        for (let i = 0; i < inFlight; i++) batch.push(op(next()))
        await Promise.all(batch)
      }
    }
    ops += perChunk
    now = performance.now()
  } while (now < end)
  const used = process.cpuUsage(cpu)
  return { ops, wallMs: now - start, cpuUs: used.user + used.system }
}
