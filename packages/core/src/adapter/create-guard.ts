import { checkNames, type OptionNames } from '../options/check-names.js'
import { checkChoice, isOptionsObject } from '../options/check-values.js'
import { invalidOption } from '../options/option-error.js'
import { isResourceMetadata } from '../resource/resource-metadata.js'
import {
  createStytchVerifierAs,
  STYTCH_OPTION_NAMES,
  type StytchVerifierOptions,
} from '../stytch/create-stytch-verifier.js'
import { checkCallOptions } from '../verify/check-call-options.js'
import { checkRealm } from '../verify/option-rules.js'
import type { Verifier } from '../verify/verifier-options.js'
import type { AuthenticateOptions } from '../verify/verify-options.js'
import { AdapterGuard } from './adapter-guard.js'
import { assertScopes } from './assert-scopes.js'
import type { Guard, GuardOptions, M2MAuthOptions } from './guard-types.js'
import { verifierCall } from './verifier-call.js'

/** How the adapter presents itself in messages. */
export interface GuardSettings {
  /** The function the user called: `m2mAuth`, `m2mGuard`, … */
  readonly name: string
}

const GUARD_OPTION_NAMES: OptionNames<GuardOptions & { verifier: unknown }> = {
  requiredScopes: true,
  anyScopes: true,
  scopeCheck: true,
  maxTokenAge: true,
  required: true,
  realm: true,
  errorHandling: true,
  resourceMetadata: true,
  verifier: true,
}
const ALL_OPTION_NAMES: Readonly<Record<string, true>> = { ...GUARD_OPTION_NAMES, ...STYTCH_OPTION_NAMES }

function resolveVerifier(options: M2MAuthOptions, name: string): Verifier {
  const { verifier } = options
  const rest = Object.keys(options).filter((key) => !Object.hasOwn(GUARD_OPTION_NAMES, key))
  if (verifier === undefined) {
    if (options.projectId === undefined) throw new TypeError('m2m-guard: pass either "verifier" or "projectId"')
    const stytch = Object.fromEntries(rest.map((key) => [key, options[key as keyof M2MAuthOptions]]))
    return createStytchVerifierAs(stytch as unknown as StytchVerifierOptions, name)
  }
  if (typeof (verifier as Partial<Verifier> | null)?.authenticate !== 'function') {
    invalidOption('verifier', 'a Verifier from createStytchVerifier() or createVerifier()')
  }
  const [other] = rest
  if (other !== undefined) throw new TypeError(`m2m-guard: option "${other}" cannot be combined with "verifier"`)
  return verifier
}

/**
 * Validates an adapter's options once, at creation (unknown names with suggestions, values through core's options
 * rules, so `maxTokenAge: 90_000` fails here and not on every request), builds the verifier from Stytch options or
 * takes `verifier`, and returns an immutable {@link Guard}.
 *
 * @param options - See {@link M2MAuthOptions}.
 * @param settings - `name`: the function the user called, named in messages.
 * @returns The {@link Guard}.
 * @throws {TypeError} naming the option, when an option is missing, unknown, contradictory or invalid.
 * @example
 * export function m2mAuth(options: M2MAuthOptions) {
 *   const guard = createGuard(options, { name: 'm2mAuth' })
 *   return (req, res, next) => { const result = guard.authenticate(req); … }
 * }
 */
export function createGuard(options: M2MAuthOptions, settings: GuardSettings): Guard {
  const { name } = settings
  if (!isOptionsObject(options)) throw new TypeError(`m2m-guard: the options of ${name}() must be an object`)
  checkNames(options, ALL_OPTION_NAMES, name, '')
  const { requiredScopes, anyScopes, scopeCheck, maxTokenAge, required, realm } = options
  if (requiredScopes !== undefined) assertScopes('requiredScopes', requiredScopes)
  if (anyScopes !== undefined) assertScopes('anyScopes', anyScopes)
  checkRealm(realm, 'realm')
  const errorHandling = checkChoice(options.errorHandling, 'errorHandling', ['respond', 'delegate']) ?? 'respond'
  const { resourceMetadata } = options
  if (resourceMetadata !== undefined && !isResourceMetadata(resourceMetadata)) {
    invalidOption('resourceMetadata', 'the value of createResourceMetadata()')
  }
  // A delegated error is rendered by the framework from the error's own headers, which cannot name the metadata.
  if (resourceMetadata !== undefined && errorHandling === 'delegate') {
    throw new TypeError('m2m-guard: option "resourceMetadata" cannot be combined with errorHandling "delegate"')
  }
  // Copies, so a later change to the caller's arrays cannot change what a route requires. Frozen, so the verifier
  // checks them once and remembers. The realm is not handed on: it is applied when an error is rendered.
  const guardOptions: AuthenticateOptions = Object.freeze({
    requiredScopes: requiredScopes && Object.freeze([...requiredScopes]),
    anyScopes: anyScopes && Object.freeze([...anyScopes]),
    scopeCheck,
    maxTokenAge,
    required,
  })
  checkCallOptions(guardOptions, name)
  const verifier = resolveVerifier(options, name)
  return new AdapterGuard({
    call: verifierCall(verifier),
    options: guardOptions,
    gates: [],
    realm,
    delegate: errorHandling === 'delegate',
    name,
    resourceMetadata,
    challengeScopes: guardOptions.requiredScopes ?? Object.freeze([]),
  })
}
