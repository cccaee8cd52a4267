// Given in the Express READMEs' blocks: the reader's app, its factory, a route handler, and middleware from npm.
declare const app: import('express').Express
declare function createApp(verifier: import('@m2m-guard/core').Verifier): import('express').Express
declare const handler: import('express').RequestHandler
declare const mcpHandler: import('express').RequestHandler
declare function cors(): import('express').RequestHandler

export {}
