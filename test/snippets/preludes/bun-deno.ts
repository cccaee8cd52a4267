// Given in the Bun and Deno blocks: the part of their runtime globals (bun-types, Deno's lib, not workspace
// dependencies) they use, with the same shapes.
declare const Bun: { serve(options: { fetch(request: Request): Response | Promise<Response> }): unknown }
declare const Deno: { serve(handler: (request: Request) => Response | Promise<Response>): unknown }

export {}
