import { verify } from 'node:crypto'
import type { SigningKey } from '../../fixtures/signing-key.js'
import type { CaseContext, MicroCase } from '../micro-case.js'

function split(token: string): [Buffer, Buffer] {
  const dot = token.lastIndexOf('.')
  return [Buffer.from(token.slice(0, dot), 'latin1'), Buffer.from(token.slice(dot + 1), 'base64url')]
}

/**
 * The floor: `node:crypto`'s synchronous `verify()` on the signature alone, with the KeyObject, signing input and
 * signature bytes all prepared beforehand. No decoding, no claims; nothing verifies an RS256 JWT for less.
 *
 * @param context - The benchmark tokens.
 * @param key - The signing key (its public KeyObject is used).
 * @returns The case.
 */
export function floorCase(context: CaseContext, key: SigningKey): MicroCase {
  const prepared = context.tokens.map(split)
  const check = (input: Buffer, signature: Buffer): void => {
    if (!verify('sha256', input, key.publicKey, signature)) throw new Error('signature rejected')
  }
  return {
    id: 'floor',
    name: '`node:crypto` `verify()` on the signature only, sync (the floor)',
    sync: true,
    inFlight: 1,
    verify: (token) => check(...split(token)),
    op: (index) => {
      const [input, signature] = prepared[index]!
      check(input, signature)
    },
  }
}
