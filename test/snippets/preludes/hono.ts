// Given in the Hono READMEs' blocks: the reader's app and a route handler.
declare const app: import('hono').Hono
declare const handler: import('hono').Handler
export {}
