const encoder = new TextEncoder()

/** SHA-256 of a secret. Secrets are stored only as this digest, like Stytch does. */
export async function hashSecret(secret: string): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', encoder.encode(secret)))
}

/**
 * Compares two digests in time that depends only on their length (always 32 bytes here), so response timing does
 * not reveal how much of a guessed secret was right.
 */
export function digestsEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let difference = 0
  for (let index = 0; index < a.length; index++) difference |= a[index]! ^ b[index]!
  return difference === 0
}
