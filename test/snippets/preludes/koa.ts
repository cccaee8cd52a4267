// Given in the Koa READMEs' blocks: the reader's app, its factory, a @koa/router router, a route handler, and
// middleware from npm.
declare const app: import('koa')
declare function createApp(verifier: import('@m2m-guard/core').Verifier): import('koa')
declare const router: import('@koa/router').Router
declare const handler: import('koa').Middleware
declare function cors(): import('koa').Middleware

export {}
