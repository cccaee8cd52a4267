import { verify } from 'node:crypto'
import type { SigningKey } from '../../fixtures/signing-key.js'
import type { CaseContext, MicroCase } from '../micro-case.js'

/**
 * Two references to read a ratio against: they are not libraries and check almost nothing.
 *
 * - `reference-floor-awaited`: the floor's own call on prepared bytes, awaited once per call as every promise-based
 *   verifier is. Nothing else runs between two signature checks.
 * - `reference-minimal`: a JWS check reduced to what cannot be skipped: split the token, decode the signature and the
 *   signing input from it, verify, decode and parse the payload, return a frozen object in a promise. No header,
 *   claim, time, kind or scope check, no strict base64url, no caching. It decodes with Node's `Buffer`, as most
 *   verifiers do; core decodes in JavaScript (on a CPU with AVX-512, Node's decoder slows the RSA check that
 *   follows), so core can come out ahead of it.
 *
 * @param context - The benchmark tokens.
 * @param key - The signing key (its public KeyObject is used).
 * @returns The cases.
 */
export function referenceCases(context: CaseContext, key: SigningKey): MicroCase[] {
  const prepared = context.tokens.map((token) => {
    const dot = token.lastIndexOf('.')
    return [Buffer.from(token.slice(0, dot), 'latin1'), Buffer.from(token.slice(dot + 1), 'base64url')] as const
  })
  const minimal = (token: string): Promise<object> => {
    const first = token.indexOf('.')
    const second = token.indexOf('.', first + 1)
    const input = Buffer.from(token.slice(0, second), 'latin1')
    if (!verify('sha256', input, key.publicKey, Buffer.from(token.slice(second + 1), 'base64url'))) {
      return Promise.reject(new Error('signature rejected'))
    }
    const claims = JSON.parse(Buffer.from(token.slice(first + 1, second), 'base64url').toString('utf8')) as object
    return Promise.resolve(Object.freeze({ claims: Object.freeze(claims), token }))
  }
  return [
    {
      id: 'reference-floor-awaited',
      name: 'reference: the floor awaited once per call (nothing else)',
      inFlight: 1,
      verify: async (token) => {
        const dot = token.lastIndexOf('.')
        const input = Buffer.from(token.slice(0, dot), 'latin1')
        if (!verify('sha256', input, key.publicKey, Buffer.from(token.slice(dot + 1), 'base64url'))) {
          throw new Error('signature rejected')
        }
      },
      op: async (index) => {
        const [input, signature] = prepared[index]!
        if (!verify('sha256', input, key.publicKey, signature)) throw new Error('signature rejected')
      },
    },
    {
      id: 'reference-minimal',
      name: 'reference: minimal JWS check (split, decode, verify, parse; no header, claim or scope checks)',
      inFlight: 1,
      verify: minimal,
    },
  ]
}
