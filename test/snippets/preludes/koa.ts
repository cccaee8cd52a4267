// Given in the Koa READMEs' blocks: the reader's app, a @koa/router router and a route handler.
declare const app: import('koa')
declare const router: import('@koa/router')
declare const handler: import('koa').Middleware
export {}
