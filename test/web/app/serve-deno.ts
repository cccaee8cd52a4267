import { createApp } from './create-app.js'

Deno.serve(
  { hostname: '127.0.0.1', port: 0, onListen: ({ port }) => console.log(`LISTENING ${port}`) },
  createApp(__TEST_ENV__),
)
