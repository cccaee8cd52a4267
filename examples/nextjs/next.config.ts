import type { NextConfig } from 'next'

const config: NextConfig = {
  poweredByHeader: false,
  // Bearer tokens are sent explicitly, never attached by the browser like cookies, so allowing any origin lets no
  // page act with a caller's rights; list your origins instead if you prefer. Next.js answers OPTIONS itself (the
  // route files export none), so a preflight never reaches withM2M and needs no token.
  async headers() {
    return [
      {
        source: '/api/:path*',
        headers: [
          { key: 'Access-Control-Allow-Origin', value: '*' },
          { key: 'Access-Control-Allow-Methods', value: 'GET, POST, OPTIONS' },
          { key: 'Access-Control-Allow-Headers', value: 'Authorization, Content-Type' },
          // So a browser script can read why a call was refused.
          { key: 'Access-Control-Expose-Headers', value: 'WWW-Authenticate, Retry-After' },
        ],
      },
    ]
  },
}

export default config
