/** A consumer project with one config client, as a test config file holds it. */
export const PROJECT_ID = 'project-test-5e5e5e5e-0000-4000-8000-000000000001'
export const PROJECT_SECRET = 'secret-test-emulator-fixture-project-000000'
export const CLIENT_ID = 'm2m-client-test-fixture-1'
export const CLIENT_SECRET = 'fixture-client-secret-1'
export const B2B_PROJECT_ID = 'project-test-5e5e5e5e-0000-4000-8000-000000000002'

/** A two-project config: a consumer project with a client and a custom-claims template, and an empty B2B project. */
export const CONFIG = {
  projects: [
    {
      project_id: PROJECT_ID,
      secret: PROJECT_SECRET,
      vertical: 'consumer',
      custom_claims_template: { tenant: '{{ trusted_metadata.tenant }}' },
      m2m_clients: [
        {
          client_id: CLIENT_ID,
          client_secret: CLIENT_SECRET,
          scopes: ['read:users', 'write:users'],
          trusted_metadata: { tenant: 'acme' },
        },
      ],
    },
    { project_id: B2B_PROJECT_ID, secret: 'secret-test-emulator-fixture-b2b-0000000000', vertical: 'b2b' },
  ],
}
