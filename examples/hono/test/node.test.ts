import { describeServerEntry } from '../../support/test/contracts/server-contract.js'

// The built Node entry, started for real: the embedded fake, the printed curl commands, SIGTERM, a real project id.
describeServerEntry('Hono', 'hono', 'node')
