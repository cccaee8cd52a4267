/** The parts of a V8 `.cpuprofile` (the inspector's `Profiler.Profile`) that self time is computed from. */
export interface CpuProfile {
  readonly nodes: readonly CpuProfileNode[]
  /** Node id of each sample, in order. */
  readonly samples?: readonly number[] | undefined
  /** Microseconds from the previous sample (the first: from `startTime`) to each sample. */
  readonly timeDeltas?: readonly number[] | undefined
  readonly startTime: number
  readonly endTime: number
}

/** One node of the profile's call tree. */
export interface CpuProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
}

/** Where a node's function is: name, script URL, 0-based line and column. */
export interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
  readonly columnNumber: number
}

/** A function's self time, summed over every call path it was sampled on. */
export interface SelfTime {
  readonly frame: CallFrame
  /** Microseconds. */
  readonly micros: number
}

/**
 * A function's identity across profiles: name and position (the same code in two profiles has the same key).
 *
 * @param frame - A node's call frame.
 * @returns The key.
 * @example
 * frameKey({ functionName: 'next', url: 'node:events', lineNumber: 3, columnNumber: 7 })
 */
export function frameKey(frame: CallFrame): string {
  return `${frame.functionName}\u0000${frame.url}\u0000${frame.lineNumber}\u0000${frame.columnNumber}`
}

/**
 * Self time per function: each sample is charged the time until the next sample (the last one: until `endTime`),
 * as Chrome's DevTools does, so the sum is the profile's whole span, `(idle)` included.
 *
 * @param profile - A parsed `.cpuprofile`.
 * @returns Self time by {@link frameKey}.
 * @example
 * const times = selfTimes(JSON.parse(readFileSync('a.cpuprofile', 'utf8')))
 */
export function selfTimes(profile: CpuProfile): Map<string, SelfTime> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const samples = profile.samples ?? []
  const deltas = profile.timeDeltas ?? []
  const micros = new Map<number, number>()
  let time = profile.startTime
  for (let i = 0; i < samples.length; i++) {
    time += deltas[i] ?? 0
    const next = i + 1 < samples.length ? time + (deltas[i + 1] ?? 0) : profile.endTime
    const id = samples[i]!
    micros.set(id, (micros.get(id) ?? 0) + Math.max(0, next - time))
  }
  const result = new Map<string, SelfTime>()
  for (const [id, spent] of micros) {
    const node = byId.get(id)
    if (node === undefined) continue
    const key = frameKey(node.callFrame)
    const known = result.get(key)
    result.set(key, { frame: node.callFrame, micros: (known?.micros ?? 0) + spent })
  }
  return result
}
