import { createServer } from 'node:http'
import { getRequestListener } from '@hono/node-server'
import { closeServer, listen } from '../../support/src/http-server.js'
import { describeExampleApp } from '../../support/test/contracts/app-contract.js'
import { createApp } from '../src/app.js'
import { itAnswersMalformedJson } from './malformed-json.js'

describeExampleApp(
  'Hono',
  async (verifier) => {
    const server = createServer(getRequestListener(createApp({ verifier }).fetch))
    return { url: await listen(server, { host: '127.0.0.1', port: 0 }), close: () => closeServer(server) }
  },
  itAnswersMalformedJson,
)
