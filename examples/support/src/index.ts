export {
  type ClientApi,
  ClientApiError,
  type ClientApiOptions,
  type CreatedM2MClient,
  createClientApi,
  type M2MClientInfo,
} from './client-api.js'
export { connectStytch, type StytchConnection } from './connect-stytch.js'
export { EXAMPLE_CALLS, type ExampleCall, type TokenName } from './example-calls.js'
export { type Environment, type ExampleConfig, readExampleConfig } from './example-config.js'
export { type ExampleClients, type FakeStytch, registerExampleClients, startFakeStytch } from './fake-stytch.js'
export { closeServer, listen, stopOnSignals } from './http-server.js'
export { callCommand, fakeModeInstructions, realModeInstructions, tokenCommand } from './instructions.js'
