import { mergeConfig } from 'vitest/config'
import base from './vitest.config.ts'

// The same projects as vitest.config.ts, with every `msw` and `msw/*` import of the tests and sources resolved to
// msw 3 (the root devDependency `msw3`). msw 3 needs Node 22.12+, so CI runs this config on Node 22 and 24 and the
// base config (msw 2) on Node 20: @m2m-guard/testing supports both majors.
export default mergeConfig(base, {
  resolve: { alias: [{ find: /^msw(?=\/|$)/, replacement: 'msw3' }] },
  test: { env: { M2M_GUARD_MSW_MAJOR: '3' } },
})
