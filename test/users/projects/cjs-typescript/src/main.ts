// Compiled twice (module commonjs and module node16, both CommonJS output) and run with node: every package is
// imported the TypeScript way and resolved by require() to its CommonJS build.

import { createTokenSource } from '@m2m-guard/client'
import { createStytchVerifier } from '@m2m-guard/core'
import { m2mAuth } from '@m2m-guard/express'
import { m2mGuard } from '@m2m-guard/fastify'
import { m2mAuth as koaM2mAuth } from '@m2m-guard/koa'
import { createTestIssuer } from '@m2m-guard/testing'

async function main(): Promise<void> {
  for (const [name, value] of Object.entries({ m2mAuth, m2mGuard, koaM2mAuth, createTokenSource })) {
    if (typeof value !== 'function') throw new Error(`${name} is not a function`)
  }
  const issuer = await createTestIssuer()
  const stytch = await issuer.listen()
  try {
    const verifier = createStytchVerifier({ projectId: issuer.projectId, baseUrl: stytch.url })
    const auth = await verifier.verify(await issuer.mint({ clientId: 'm2m-client-cjs', scopes: ['read:users'] }))
    if (auth.clientId !== 'm2m-client-cjs') throw new Error(`unexpected client ${auth.clientId}`)
    const code = await verifier.verify(await issuer.hostile.expired()).then(
      () => 'accepted',
      (error: { code?: string }) => error.code,
    )
    if (code !== 'ERR_TOKEN_EXPIRED') throw new Error(`expired token: ${code}`)
  } finally {
    await stytch.close()
  }
  if (typeof require !== 'function' || require.main !== module) throw new Error('not running as CommonJS')
  console.log('cjs-typescript ok')
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
