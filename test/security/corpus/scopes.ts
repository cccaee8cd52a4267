import { accepted, type CallOptions, type CorpusCase, forbidden } from './corpus-case.js'
import type { CorpusContext } from './corpus-context.js'
import { rawHeader, stytchClaims } from './token-parts.js'

/** A valid token whose `scope` claim is exactly `scope` (`undefined`: no claim). */
const granting = (scope: string | undefined) => (ctx: CorpusContext) => ctx.sign(rawHeader(), stytchClaims({ scope }))

function scopeCase(granted: string | undefined, call: CallOptions, allowed: boolean): CorpusCase {
  const wanted = [
    ...(call.requiredScopes ? [`all of ${JSON.stringify(call.requiredScopes)}`] : []),
    ...(call.anyScopes ? [`any of ${JSON.stringify(call.anyScopes)}`] : []),
  ].join(' and ')
  return {
    name: `granted ${granted === undefined ? 'no scope claim' : JSON.stringify(granted)}, route wants ${wanted || 'nothing'}`,
    group: 'scopes',
    token: granting(granted),
    call,
    expected: allowed ? accepted() : forbidden(),
  }
}

const all = (...requiredScopes: string[]): CallOptions => ({ requiredScopes })

export const SCOPES: readonly CorpusCase[] = [
  // Exact matches pass.
  scopeCase('read:users', all('read:users'), true),
  scopeCase('read:users write:users', all('read:users', 'write:users'), true),
  // Substring and prefix tricks.
  scopeCase('read:users', all('read:user'), false),
  scopeCase('read:user', all('read:users'), false),
  scopeCase('read:users_admin', all('read:users'), false),
  scopeCase('xread:users', all('read:users'), false),
  scopeCase('read:users:extra', all('read:users'), false),
  scopeCase('read:users', all('read:users:extra'), false),
  scopeCase('read', all('read:users'), false),
  scopeCase('read:users', all('read'), false),
  scopeCase('read:users,write:users', all('write:users'), false),
  scopeCase('read:users\twrite:users', all('write:users'), false),
  scopeCase('re\u0430d:users', all('read:users'), false),
  // Wildcards: only in the resource, only when granted.
  scopeCase('*', all('read:users'), false),
  scopeCase('*', all('*'), true),
  scopeCase('*:users', all('read:users'), false),
  scopeCase('*:*', all('read:users'), false),
  scopeCase('read:*', all('read:users'), true),
  scopeCase('read:*', all('read:*'), true),
  scopeCase('read:users', all('read:*'), false),
  scopeCase('read:*', all('write:users'), false),
  scopeCase('read:* write:*', all('read:a', 'write:b'), true),
  scopeCase('read:*x', all('read:users'), false),
  // Case.
  scopeCase('READ:users', all('read:users'), false),
  scopeCase('read:Users', all('read:users'), false),
  scopeCase('read:*', all('Read:users'), false),
  // Duplicated and empty scopes.
  scopeCase('read:users read:users', all('read:users'), true),
  scopeCase('read:users read:users', all('read:users', 'write:users'), false),
  scopeCase('', all('read:users'), false),
  scopeCase('   ', all('read:users'), false),
  scopeCase('  read:users   write:users ', all('read:users', 'write:users'), true),
  scopeCase(undefined, all('read:users'), false),
  scopeCase(undefined, {}, true),
  scopeCase('', {}, true),
  // Any-of.
  scopeCase('read:users', { anyScopes: ['write:users', 'admin:*'] }, false),
  scopeCase('read:users', { anyScopes: ['write:users', 'read:users'] }, true),
  scopeCase('read:users', { requiredScopes: ['read:users'], anyScopes: ['admin:*'] }, false),
]
