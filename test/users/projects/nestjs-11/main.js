// A CommonJS Nest app as users write it: require() gets our CommonJS builds. The checks are shared with the
// ES-module project (nest-app-checks.cjs, copied in by the users' suite).
require('reflect-metadata')
const { M2M, M2MGuard, M2MGuardModule, Public, RequireScopes } = require('@m2m-guard/nestjs')
const { createTestIssuer } = require('@m2m-guard/testing')
const { Controller, Get, Module, UseGuards } = require('@nestjs/common')
const { NestFactory } = require('@nestjs/core')
const { ExpressAdapter } = require('@nestjs/platform-express')
const { FastifyAdapter } = require('@nestjs/platform-fastify')
const { checkNestApp } = require('./nest-app-checks.cjs')

checkNestApp({
  M2M,
  M2MGuard,
  M2MGuardModule,
  Public,
  RequireScopes,
  createTestIssuer,
  Controller,
  Get,
  Module,
  UseGuards,
  NestFactory,
  ExpressAdapter,
  FastifyAdapter,
}).catch((error) => {
  console.error(error)
  process.exit(1)
})
