// The app the root README's testing example (copied from README.md into src/app.test.ts by run.mjs) tests.
import { m2mAuth, requireScopes } from '@m2m-guard/express'
import express from 'express'

export const app = express()
app.use(m2mAuth({ projectId: 'project-test-00000000-0000-4000-8000-000000000000' }))
app.get('/users', requireScopes('read:users'), (req, res) => {
  res.json({ caller: req.m2m?.clientId })
})
