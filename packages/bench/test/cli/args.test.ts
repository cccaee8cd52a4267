import { describe, expect, it } from 'vitest'
import { parseBenchArgs } from '../../src/cli/args.js'

describe('parseBenchArgs', () => {
  it('runs every section with the full settings by default', () => {
    expect(parseBenchArgs([])).toMatchObject({
      smoke: false,
      sections: ['micro', 'memory', 'http'],
      rounds: 10,
      httpRounds: 10,
    })
  })

  it('shrinks the micro run for --smoke', () => {
    expect(parseBenchArgs(['--smoke'])).toMatchObject({ smoke: true, rounds: 1, sliceMs: 5 })
  })

  it('limits the run to the sections and cases asked for', () => {
    expect(parseBenchArgs(['--only', 'micro,http', '--case', 'core-cached', '--rounds', '3'])).toMatchObject({
      sections: ['micro', 'http'],
      cases: ['core-cached'],
      rounds: 3,
    })
  })

  it('refuses an unknown section, a bad number and an unknown option', () => {
    expect(() => parseBenchArgs(['--only', 'cpu'])).toThrow(/--only/)
    expect(() => parseBenchArgs(['--rounds', '0'])).toThrow(/--rounds/)
    expect(() => parseBenchArgs(['--fast'])).toThrow()
  })

  it('takes --runtime for the per-runtime micro-benchmark, and refuses an unknown runtime', () => {
    expect(parseBenchArgs(['--runtime', 'workerd'])).toMatchObject({ runtime: 'workerd' })
    expect(parseBenchArgs([])).toMatchObject({ runtime: undefined })
    expect(() => parseBenchArgs(['--runtime', 'edge'])).toThrow(/--runtime takes node, bun, deno, workerd/)
  })

  it('limits the HTTP section to --http-frameworks and takes a --server-prof directory', () => {
    expect(parseBenchArgs([])).toMatchObject({
      httpFrameworks: ['express', 'koa', 'fastify', 'nest-express'],
      serverProfileDir: undefined,
    })
    expect(parseBenchArgs(['--http-frameworks', 'koa,express', '--server-prof', '/tmp/p'])).toMatchObject({
      httpFrameworks: ['koa', 'express'],
      serverProfileDir: '/tmp/p',
    })
    expect(() => parseBenchArgs(['--http-frameworks', 'hapi'])).toThrow(/--http-frameworks takes express/)
  })

  it('answers --help with no settings', () => {
    expect(parseBenchArgs(['--help'])).toBeUndefined()
  })
})
