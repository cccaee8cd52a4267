// An ES-module Nest app as users write it: import gets our ESM builds. The checks are shared with the CommonJS
// project (nest-app-checks.cjs, copied in by the users' suite).
import 'reflect-metadata'
import * as guard from '@m2m-guard/nestjs'
import * as testing from '@m2m-guard/testing'
import * as common from '@nestjs/common'
import * as core from '@nestjs/core'
import * as express from '@nestjs/platform-express'
import * as fastify from '@nestjs/platform-fastify'
import { checkNestApp } from './nest-app-checks.cjs'

await checkNestApp({ guard, testing, common, core, express, fastify })
