// Names the READMEs use as given, without showing where they come from: the reader's own values. Keep this small
// and typed with the real types; a block that needs a framework object (an Express `app`, a Koa `router`) gets a
// prelude instead (test/snippets/preludes/, chosen per README in generate.ts or per block by a comment).

/** A Stytch M2M access token the reader already holds. */
declare const token: string
/** The reader's Stytch project and M2M client (from their configuration). */
declare const projectId: string
declare const clientId: string
declare const clientSecret: string
/** A verifier built earlier with `createStytchVerifier` (shared by several routes or adapters). */
declare const verifier: import('@m2m-guard/core').Verifier
/** A test issuer built earlier with `createTestIssuer` (the testing README's examples). */
declare const issuer: import('@m2m-guard/testing').TestIssuer
/** The reader's data and logger. */
declare const users: readonly { readonly id: string; readonly name: string }[]
declare const logger: Pick<Console, 'debug' | 'info' | 'warn' | 'error'>
/** The reader's authorization servers (MCP resource metadata) and catalog helpers (optional-auth examples). */
declare const authorizationServers: readonly string[]
declare function fullCatalog(): readonly string[]
declare function publicCatalog(): readonly string[]
/** An incoming Node.js request (core's framework-free examples read its Authorization header). */
declare const req: import('node:http').IncomingMessage
/** A token the reader wants revoked. */
declare const leakedToken: string
