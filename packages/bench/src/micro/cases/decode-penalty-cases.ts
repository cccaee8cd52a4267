import { verify } from 'node:crypto'
import type { SigningKey } from '../../fixtures/signing-key.js'
import type { CaseContext, MicroCase } from '../micro-case.js'

const VALUES = (() => {
  const values = new Int8Array(256).fill(-1)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  for (let i = 0; i < alphabet.length; i++) values[alphabet.charCodeAt(i)] = i
  return values
})()
const encoder = new TextEncoder()
const characters = new Uint8Array(8192)

/** A plain base64url decoding loop (no strictness): what core's decoder does, without its checks. */
function loopDecode(segment: string): Uint8Array {
  const { written } = encoder.encodeInto(segment, characters)
  const out = new Uint8Array((written * 3) >>> 2)
  let o = 0
  let i = 0
  for (; i + 3 < written; i += 4) {
    const bits =
      ((VALUES[characters[i]!] as number) << 18) |
      ((VALUES[characters[i + 1]!] as number) << 12) |
      ((VALUES[characters[i + 2]!] as number) << 6) |
      (VALUES[characters[i + 3]!] as number)
    out[o++] = bits >> 16
    out[o++] = bits >> 8
    out[o++] = bits
  }
  if (written - i >= 2) {
    const bits =
      ((VALUES[characters[i]!] as number) << 18) |
      ((VALUES[characters[i + 1]!] as number) << 12) |
      (written - i === 3 ? (VALUES[characters[i + 2]!] as number) << 6 : 0)
    out[o++] = bits >> 16
    if (written - i === 3) out[o] = bits >> 8
  }
  return out
}

const decoders = {
  buffer: (segment: string): Uint8Array => Buffer.from(segment, 'base64url'),
  loop: loopDecode,
} as const

/**
 * Why core decodes base64url with a loop in JavaScript: the floor's own check, each time after decoding *another*
 * token's signature whose bytes are not used. With Node's `Buffer` (simdutf, AVX-512 where the CPU has it) the RSA
 * check that follows runs slower than the decode itself costs; with a plain loop it does not. Compare both rows with
 * the floor.
 *
 * @param context - The benchmark tokens.
 * @param key - The signing key (its public KeyObject is used).
 * @returns The two cases.
 */
export function decodePenaltyCases(context: CaseContext, key: SigningKey): MicroCase[] {
  const { tokens } = context
  const prepared = tokens.map((token) => {
    const dot = token.lastIndexOf('.')
    return {
      input: Buffer.from(token.slice(0, dot), 'latin1'),
      signature: Buffer.from(token.slice(dot + 1), 'base64url'),
      other: token.slice(dot + 1),
    }
  })
  // The decoded bytes go somewhere, so no engine can drop the decode as dead code.
  const sink = { value: 0 }
  return (['buffer', 'loop'] as const).map((name): MicroCase => {
    const decode = decoders[name]
    return {
      id: `reference-floor-after-${name}-decode`,
      name: `reference: the floor after decoding another token's signature with ${name === 'buffer' ? '`Buffer`' : 'a JavaScript loop'}`,
      sync: true,
      inFlight: 1,
      verify: (token) => {
        const dot = token.lastIndexOf('.')
        const input = Buffer.from(token.slice(0, dot), 'latin1')
        if (!verify('sha256', input, key.publicKey, decode(token.slice(dot + 1)))) throw new Error('signature rejected')
      },
      op: (index) => {
        const current = prepared[index]!
        sink.value ^= decode(prepared[(index + 7) % prepared.length]!.other)[0] ?? 0
        if (!verify('sha256', current.input, key.publicKey, current.signature)) throw new Error('signature rejected')
      },
    }
  })
}
