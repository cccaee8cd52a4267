import { createStytchVerifier } from '@m2m-guard/core'
import { serveWorker } from '../fixtures/fork-worker.js'
import { PROJECT_ID, REQUIRED_SCOPE } from '../fixtures/project.js'
import { importSigningKey } from '../fixtures/signing-key.js'
import { createStaticJwks } from '../fixtures/static-jwks.js'
import { mintBadSignatureTokens, mintTokens, tamperSignature } from '../fixtures/tokens.js'
import type { MemoryReport, MemoryRequest } from './memory-scenario.js'

const gc = (globalThis as { gc?: () => void }).gc
const options = { requiredScopes: [REQUIRED_SCOPE] }

function settle(): NodeJS.MemoryUsage {
  for (let i = 0; i < 4; i++) gc?.()
  return process.memoryUsage()
}

async function measure({ kid, pem, scenario }: MemoryRequest): Promise<MemoryReport> {
  if (gc === undefined) throw new Error('memory worker needs --expose-gc')
  const key = importSigningKey(kid, pem)
  const jwks = createStaticJwks([key.jwk])
  // Tokens wait as bytes and become strings only when verified, as a request header would: a token the cache keeps
  // is counted in the growth, one it drops is garbage.
  const tokens = (scenario.valid ? mintTokens(key, scenario.count) : mintBadSignatureTokens(key, scenario.count)).map(
    (token) => Buffer.from(token, 'latin1'),
  )

  // Warm up (JIT, KeyObject) on a throwaway verifier, so the measured one starts empty; as many verifications as
  // will be measured, so V8's young generation has already grown to its steady size and that growth does not
  // count as the cache's.
  const warmup = createStytchVerifier({ projectId: PROJECT_ID, jwks, tokenCache: false })
  const samples = mintTokens(key, 16)
  const bad = samples.map(tamperSignature)
  for (let i = 0; i < scenario.count; i++) {
    await warmup.verify(samples[i % 16]!, options)
    await warmup.verify(bad[i % 16]!, options).catch(() => undefined)
  }

  const verifier = createStytchVerifier({
    projectId: PROJECT_ID,
    jwks,
    ...(scenario.cacheMax === undefined
      ? {}
      : { tokenCache: scenario.cacheMax === false ? false : { max: scenario.cacheMax } }),
  })
  const before = settle()
  let accepted = 0
  let rejected = 0
  for (const bytes of tokens) {
    try {
      await verifier.verify(bytes.toString('latin1'), options)
      accepted++
    } catch {
      rejected++
    }
  }
  const after = settle()
  // Keep the verifier (and its cache) alive until after the measurement.
  if (verifier.jwks.stats().fetches < 0) throw new Error('unreachable')
  return { before, after, accepted, rejected }
}

serveWorker((message) => measure(message as MemoryRequest))
