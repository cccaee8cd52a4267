export { type FakeStytch, fakeStytch } from '../../../../test/support/loopback.js'
