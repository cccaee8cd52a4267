// Given in the Fastify READMEs' blocks: the reader's app.
declare const app: import('fastify').FastifyInstance
export {}
