// An ES-module Nest app as users write it: import gets our ESM builds. The checks are shared with the CommonJS
// project (nest-app-checks.cjs, copied in by the users' suite).
import 'reflect-metadata'
import { M2M, M2MGuard, M2MGuardModule, Public, RequireScopes } from '@m2m-guard/nestjs'
import { createTestIssuer } from '@m2m-guard/testing'
import { Controller, Get, Module, UseGuards } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { ExpressAdapter } from '@nestjs/platform-express'
import { FastifyAdapter } from '@nestjs/platform-fastify'
import { checkNestApp } from './nest-app-checks.cjs'

await checkNestApp({
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
})
