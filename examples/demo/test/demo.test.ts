import { once } from 'node:events'
import { describe, expect, it } from 'vitest'
import { builtEntry, startEntry } from '../../support/test/contracts/server-contract.js'

describe('pnpm demo (dist/demo.js)', () => {
  it('exits 0 after printing every step as PASS, covering each framework, the rotation and the incident', async () => {
    const { child, output: started } = await startEntry(builtEntry('demo', 'demo'), { NO_COLOR: '1' }, 'm2m-guard demo')
    let output = started
    child.stdout?.on('data', (chunk: string) => {
      output += chunk
    })
    const [code] = await once(child, 'exit')

    const rows = output.split('\n').filter((line) => /^\d+ {2}/.test(line))
    expect(rows.length).toBeGreaterThanOrEqual(50)
    expect(rows.filter((row) => !row.endsWith('PASS'))).toEqual([])
    expect(output).toContain(`all ${rows.length} steps passed`)
    for (const section of [
      'Express API',
      'Koa API',
      'Fastify API',
      'Rotate',
      'rejected: 401 invalid_client',
      'Incident',
      'deny ERR_TOKEN_REVOKED',
    ]) {
      expect(output).toContain(section)
    }
    expect(code).toBe(0)
  })
})
