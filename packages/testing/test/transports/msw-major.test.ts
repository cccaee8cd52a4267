import mswPackage from 'msw/package.json' with { type: 'json' }
import { describe, expect, it } from 'vitest'

// vitest.config.ts runs the suite on msw 2, vitest.msw3.config.ts (Node 22 and 24) on msw 3 by aliasing `msw`.
// If that alias stopped applying, every msw test would silently run on msw 2 twice; this test makes it loud.
describe('the msw under test', () => {
  it('is the major the vitest config selects', () => {
    expect(mswPackage.version.split('.')[0]).toBe(process.env.M2M_GUARD_MSW_MAJOR)
  })
})
