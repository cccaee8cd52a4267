// The msw types that the public API names, in one hand-written declaration file that the build copies to dist/ as is.
// msw is an optional peer dependency: in a project without it, this import resolves to nothing and the @ts-ignore
// keeps `tsc` (with `skipLibCheck: false`) from failing on the missing module; the handler type is then unchecked,
// which is harmless, as handlers() cannot run without msw. With msw installed the real type applies, and there is no
// error for @ts-expect-error to expect.
// @ts-ignore
import type { HttpHandler as MswHttpHandler } from 'msw'

/** msw's `HttpHandler`, what `issuer.handlers()` returns. */
export type HttpHandler = MswHttpHandler
