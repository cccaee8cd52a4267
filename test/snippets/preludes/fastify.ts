// Given in the Fastify READMEs' blocks: the reader's app, its factory, a route's handler and schema, and plugins.
declare const app: import('fastify').FastifyInstance
declare function createApp(verifier: import('@m2m-guard/core').Verifier): import('fastify').FastifyInstance
declare const handler: import('fastify').RouteHandlerMethod
declare const listUsers: import('fastify').RouteHandlerMethod
declare const schema: import('fastify').FastifySchema
declare const cors: import('fastify').FastifyPluginAsync

export {}
