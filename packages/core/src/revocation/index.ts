/**
 * `@m2m-guard/core/revocation`: what a revocation source needs beyond the application API (`createRevocationList`,
 * `fileRevocations`, the rule types and helpers in the main entry): parsing a rule from a store the way every
 * built-in source does, and its stored form. `@m2m-guard/redis` is built on it.
 *
 * @packageDocumentation
 */
export { type NormalRule, type ParsedRule, parseRevocationRule, storedRule } from './revocation-rule.js'
