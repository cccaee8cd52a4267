import { describe, expect, it } from 'vitest'
import { type CallFrame, type CpuProfile, selfTimes } from '../../src/http/cpu-profile.js'
import { frameOrigin } from '../../src/http/frame-group.js'
import { diffCases, renderDiff, sumRuns } from '../../src/http/profile-diff.js'

const frame = (functionName: string, url = '', lineNumber = 0): CallFrame => ({
  functionName,
  url,
  lineNumber,
  columnNumber: 0,
})

const ROOT = frame('(root)')
const IDLE = frame('(idle)')
const GC = frame('(garbage collector)')
const HANDLER = frame('handle', 'file:///w/node_modules/.pnpm/router@2.2.0/node_modules/router/lib/layer.js', 9)
const CHECK = frame('check', 'file:///w/packages/core/dist/verify/create-verifier.js', 41)

/** A profile with one sample per entry of `spans` (`[frame, µs]`), each lasting its µs. */
function profile(spans: readonly (readonly [CallFrame, number])[]): CpuProfile {
  const frames = [ROOT, ...new Set(spans.map(([f]) => f))]
  const nodes = frames.map((callFrame, id) => ({ id, callFrame }))
  const samples = spans.map(([f]) => frames.indexOf(f))
  // Each sample is charged until the next one: the first delta is 0, each next one the previous span.
  const timeDeltas = spans.map((_, i) => (i === 0 ? 0 : spans[i - 1]![1]))
  const total = spans.reduce((sum, [, micros]) => sum + micros, 0)
  return { nodes, samples, timeDeltas, startTime: 1000, endTime: 1000 + total }
}

describe('selfTimes', () => {
  it('charges each sample the time until the next one, the last until the end, and merges call paths', () => {
    const times = selfTimes({
      // Two tree nodes for the same function (two call paths) count as one function.
      nodes: [
        { id: 1, callFrame: ROOT },
        { id: 2, callFrame: HANDLER },
        { id: 3, callFrame: HANDLER },
      ],
      samples: [2, 3, 2],
      timeDeltas: [5, 100, 50],
      startTime: 0,
      endTime: 185,
    })
    expect([...times.values()]).toEqual([{ frame: HANDLER, micros: 180 }])
  })
})

describe('frameOrigin', () => {
  it('tells ours, the framework, Node and V8 apart, with 1-based lines relative to the package', () => {
    expect(frameOrigin(CHECK)).toEqual({
      group: 'ours',
      packageName: '@m2m-guard/core',
      location: 'dist/verify/create-verifier.js:42',
    })
    expect(frameOrigin(HANDLER)).toEqual({ group: 'framework', packageName: 'router', location: 'lib/layer.js:10' })
    expect(frameOrigin(frame('x', 'file:///w/node_modules/@koa/router/lib/router.js'))).toMatchObject({
      group: 'framework',
      packageName: '@koa/router',
    })
    expect(frameOrigin(frame('writeHead', 'node:_http_server', 350))).toEqual({
      group: 'node',
      packageName: 'node',
      location: '_http_server:351',
    })
    expect(frameOrigin(GC).group).toBe('gc')
    expect(frameOrigin(IDLE).group).toBe('idle')
    expect(frameOrigin(frame('(program)')).group).toBe('native')
    expect(frameOrigin(frame('writev'))).toEqual({ group: 'native', packageName: 'node (C++)', location: '' })
    expect(frameOrigin(frame('app', 'file:///w/packages/bench/dist/http/apps.js')).group).toBe('bench')
  })
})

describe('diffCases', () => {
  // Plain: 2 requests; protected: 4 requests; idle never counts.
  const plain = sumRuns([
    {
      profile: profile([
        [HANDLER, 40],
        [IDLE, 500],
        [GC, 10],
      ]),
      requests: 2,
      cpuMicros: 60,
    },
  ])
  const guarded = sumRuns([
    {
      profile: profile([
        [HANDLER, 40],
        [CHECK, 8],
        [IDLE, 300],
        [GC, 12],
      ]),
      requests: 2,
      cpuMicros: 64,
    },
    {
      profile: profile([
        [HANDLER, 40],
        [CHECK, 8],
        [GC, 12],
      ]),
      requests: 2,
      cpuMicros: 66,
    },
  ])
  const diff = diffCases(plain, guarded)
  const row = (name: string) => diff.rows.find((r) => r.name === name)

  it('gives every function its self time per request in both cases, summed over runs', () => {
    expect(row('handle')).toMatchObject({ plain: 20, guarded: 20, group: 'framework' })
    expect(row('check')).toMatchObject({ plain: 0, guarded: 4, group: 'ours', packageName: '@m2m-guard/core' })
    expect(row('(garbage collector)')).toMatchObject({ plain: 5, guarded: 6 })
  })

  it('leaves idle out of the profiled total and keeps the measured CPU beside it', () => {
    expect(diff.profiled).toEqual({ plain: 25, guarded: 30 })
    expect(diff.measured).toEqual({ plain: 30, guarded: 32.5 })
  })

  it('renders group subtotals, the residual and the measured total, whose differences add up', () => {
    const table = renderDiff(diff, { perGroup: 5, minDelta: 0 })
    expect(table).toContain('| **ours (@m2m-guard/*)** |  |  | **0.000** | **4.00** | **+4.00** |')
    expect(table).toContain('|   check | dist/verify/create-verifier.js:42 | @m2m-guard/core | 0.000 | 4.00 | +4.00 |')
    expect(table).toContain('| **profiled CPU (sampled, idle excluded)** |  |  | 25.0 | 30.0 | +5.00 |')
    expect(table).toMatch(/\| residual \(measured − profiled[^|]*\| {2}\| {2}\| 5\.00 \| 2\.50 \| −2\.50 \|/)
    expect(table).toContain('| **measured server CPU (user + sys)** |  |  | **30.0** | **32.5** | **+2.50** |')
    expect(table).not.toContain('(idle)')
  })

  it('refuses a case without requests', () => {
    expect(() => diffCases({ ...plain, requests: 0 }, guarded)).toThrow()
  })
})
