import { isLoopbackHost } from '@m2m-guard/testing'

/**
 * Whether the `Host` header names this machine. Without `--allow-remote`, the inspector and admin API answer only
 * such requests, so a web page that rebinds its own domain name to 127.0.0.1 (DNS rebinding) cannot reach them.
 */
export function hostIsLocal(request: Request): boolean {
  const host = request.headers.get('host')
  if (host === null) return false
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '')
  return isLoopbackHost(name)
}

/**
 * Whether a state-changing request may come from a browser page of another site (CSRF): refused when `Origin` names
 * another host than `Host`, or `Sec-Fetch-Site` says `cross-site`. Requests without these headers (curl, SDKs) pass.
 */
export function crossSite(request: Request): boolean {
  if (request.headers.get('sec-fetch-site') === 'cross-site') return true
  const origin = request.headers.get('origin')
  if (origin === null) return false
  if (!URL.canParse(origin)) return true
  return new URL(origin).host !== request.headers.get('host')
}
