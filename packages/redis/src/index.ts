export type { RedisRevocationsOptions } from './redis-options.js'
export { redisRevocations } from './redis-revocations.js'
export {
  createRevocationStore,
  type RevocationStore,
  type RevocationStoreOptions,
  type StoreListing,
} from './revocation-store.js'
export { DEFAULT_CHANNEL, DEFAULT_KEY, STORE_MARKER, type StoreMessage } from './store-format.js'
