// A CommonJS Nest app as users write it: require() gets our CommonJS builds. The checks are shared with the
// ES-module project (nest-app-checks.cjs, copied in by the users' suite).
require('reflect-metadata')
const { checkNestApp } = require('./nest-app-checks.cjs')

checkNestApp({
  guard: require('@m2m-guard/nestjs'),
  testing: require('@m2m-guard/testing'),
  common: require('@nestjs/common'),
  core: require('@nestjs/core'),
  express: require('@nestjs/platform-express'),
  fastify: require('@nestjs/platform-fastify'),
}).catch((error) => {
  console.error(error)
  process.exit(1)
})
