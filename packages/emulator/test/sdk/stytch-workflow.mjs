// The official Stytch Node SDK's M2M workflow against the emulator, run as its own process so NODE_EXTRA_CA_CERTS
// (read only at start-up) makes Node trust the emulator's CA, exactly as an integrator would run it.
// Prints one JSON object with what each step returned; secrets are printed only as booleans.
import * as stytch from 'stytch'

const { STYTCH_BASE_URL, STYTCH_PROJECT_ID, STYTCH_SECRET } = process.env
const sdk = new stytch.Client({
  project_id: STYTCH_PROJECT_ID,
  secret: STYTCH_SECRET,
  custom_base_url: STYTCH_BASE_URL,
})

const failure = (promise) =>
  promise.then(
    () => ({ rejected: false }),
    (error) => ({ rejected: true, status_code: error.status_code, error_type: error.error_type }),
  )

const created = await sdk.m2m.clients.create({
  scopes: ['read:users', 'write:users'],
  client_name: 'sdk workflow',
  trusted_metadata: { tenant: 'globex' },
})
const { client_id, client_secret } = created.m2m_client
const token = await sdk.m2m.token({ client_id, client_secret, scopes: ['read:users'] })
const auth = await sdk.m2m.authenticateToken({ access_token: token.access_token, required_scopes: ['read:users'] })
const missingScope = await failure(
  sdk.m2m.authenticateToken({ access_token: token.access_token, required_scopes: ['write:users'] }),
)

const started = await sdk.m2m.clients.secrets.rotateStart({ client_id })
const next = started.m2m_client.next_client_secret
const cancelled = await sdk.m2m.clients.secrets.rotateCancel({ client_id })
const nextAfterCancel = await failure(sdk.m2m.token({ client_id, client_secret: next }))

const restarted = await sdk.m2m.clients.secrets.rotateStart({ client_id })
const newSecret = restarted.m2m_client.next_client_secret
const bothDuringRotation = await Promise.all([
  failure(sdk.m2m.token({ client_id, client_secret })),
  failure(sdk.m2m.token({ client_id, client_secret: newSecret })),
])
await sdk.m2m.clients.secrets.rotate({ client_id })
const oldAfterRotate = await failure(sdk.m2m.token({ client_id, client_secret }))
const rotatedToken = await sdk.m2m.token({ client_id, client_secret: newSecret })
const rotatedAuth = await sdk.m2m.authenticateToken({ access_token: rotatedToken.access_token })

const deleted = await sdk.m2m.clients.delete({ client_id })
const getAfterDelete = await failure(sdk.m2m.clients.get({ client_id }))
const tokenAfterDelete = await failure(sdk.m2m.token({ client_id, client_secret: newSecret }))

process.stdout.write(
  `${JSON.stringify({
    client_id,
    created_status: created.status_code,
    token: { token_type: token.token_type, expires_in: token.expires_in },
    auth,
    missingScope,
    cancelled_next_last_four: cancelled.m2m_client.next_client_secret_last_four,
    nextAfterCancel,
    bothDuringRotation,
    oldAfterRotate,
    rotatedAuth,
    deleted: deleted.client_id,
    getAfterDelete,
    tokenAfterDelete,
  })}\n`,
)
