import { createApp } from './create-app.js'

// Created once per isolate, at module scope, as a Worker would: the verifiers' caches outlive a request.
const app = createApp(__TEST_ENV__)

export default {
  fetch: (request: Request): Promise<Response> => app(request),
}
