// An Express app as a NestJS-style CommonJS TypeScript project would build one.

import { m2mAuth, requireScopes } from '@m2m-guard/express'
import express from 'express'

export function createApp(stytch: { projectId: string; baseUrl: string }): express.Express {
  const app = express()
  app.use(m2mAuth(stytch))
  app.get('/users', requireScopes('read:users'), (req, res) => {
    res.json({ caller: req.m2m?.clientId })
  })
  return app
}
