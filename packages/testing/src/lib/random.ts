import { base64url } from 'jose'

/** A random RFC 4122 v4 UUID. */
export const randomUuid = (): string => globalThis.crypto.randomUUID()

/** `bytes` random bytes as base64url; 33 bytes give the 44-character secrets Stytch hands out. */
export const randomToken = (bytes = 33): string =>
  base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(bytes)))
