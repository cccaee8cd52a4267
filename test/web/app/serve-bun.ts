import { createApp } from './create-app.js'

const server = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: createApp(__TEST_ENV__) })
console.log(`LISTENING ${server.port}`)
