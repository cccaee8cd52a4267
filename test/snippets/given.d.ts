// Names the READMEs use as given, without showing where they come from. Keep this small: a block that needs a
// framework object (an Express `app`, a Koa `router`) names a prelude instead (test/snippets/preludes/).

/** A Stytch M2M access token the reader already holds. */
declare const token: string
