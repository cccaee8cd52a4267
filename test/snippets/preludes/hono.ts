// Given in the Hono READMEs' blocks: the reader's app, its factory and a route handler.
declare const app: import('hono').Hono
declare function createApp(verifier: import('@m2m-guard/core').Verifier): import('hono').Hono
declare const handler: import('hono').Handler

export {}
