import { overview, type ProjectOverview } from '../admin/overview.js'
import type { EmulatorContext } from '../emulator-context.js'
import type { RequestRecord } from '../request-log.js'
import { h, Raw } from './escape-html.js'

/** What a form action shows above the page: a minted token, a rotated key, or an error. */
export type Notice =
  | { kind: 'token'; clientId: string; token: string; claims: unknown }
  | { kind: 'info' | 'error'; text: string }

const STYLE = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f8fa}
header{background:#1b1f24;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
main{padding:16px 24px;max-width:1200px}section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:0 0 16px}
h2{font-size:17px;margin:4px 0 8px}h3{font-size:14px;margin:12px 0 6px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top}
code,pre{font:12px ui-monospace,monospace}pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:8px;border-radius:6px}
.tag{display:inline-block;padding:0 6px;border-radius:10px;background:#ddf4ff;margin:1px}.ok{color:#1a7f37}.bad{color:#cf222e}
form{display:inline-flex;gap:6px;align-items:center;margin:4px 0}.notice{border-color:#54aeff;background:#ddf4ff}.error{border-color:#ff8182;background:#ffebe9}
`

const age = (seconds: number): string =>
  seconds < 120
    ? `${seconds} s`
    : seconds < 7200
      ? `${Math.floor(seconds / 60)} min`
      : `${Math.floor(seconds / 3600)} h`

function projectSection(project: ProjectOverview): Raw {
  const clients = project.clients.map(
    (client) => h`<tr><td><code>${client.client_id}</code></td><td>${client.client_name}</td>
      <td class="${client.status === 'active' ? 'ok' : 'bad'}">${client.status}</td>
      <td>${client.scopes.map((scope) => h`<span class="tag">${scope}</span>`)}</td>
      <td><code>…${client.client_secret_last_four}</code>${client.next_client_secret_last_four === null ? '' : h` (rotating to <code>…${client.next_client_secret_last_four}</code>)`}</td></tr>`,
  )
  const keys = project.keys.map(
    (
      key,
    ) => h`<tr><td><code>${key.kid}</code></td><td>${key.current ? 'signing' : key.published ? 'published' : 'retired'}</td>
      <td>${age(key.age_seconds)}</td><td>${new Date(key.createdAt).toISOString()}</td></tr>`,
  )
  return h`<section class="project"><h2>Project <code>${project.project_id}</code> (${project.vertical})</h2>
    <p>JWKS <code>${project.jwks_url}</code><br>Token endpoint <code>${project.token_url}</code><br>
    Hits: JWKS ${project.counters.jwks ?? 0}, token ${project.counters.token ?? 0}, client API ${project.counters.api ?? 0}</p>
    <h3>M2M clients</h3>
    ${clients.length === 0 ? h`<p>No clients.</p>` : h`<table><thead><tr><th>Client id</th><th>Name</th><th>Status</th><th>Scopes</th><th>Secret</th></tr></thead><tbody>${clients}</tbody></table>`}
    <h3>Signing keys</h3>
    <table><thead><tr><th>Kid</th><th>State</th><th>Age</th><th>Created</th></tr></thead><tbody>${keys}</tbody></table>
    <form method="post" action="/__emulator/ui/rotate-key"><input type="hidden" name="project_id" value="${project.project_id}">
      <button type="submit">Rotate signing key</button></form></section>`
}

function mintForm(projects: ProjectOverview[]): Raw {
  const options = projects.flatMap((project) =>
    project.clients.map(
      (client) =>
        h`<option value="${`${project.project_id} ${client.client_id}`}">${client.client_id} (${project.project_id})</option>`,
    ),
  )
  return h`<section><h2>Mint a token</h2>
    <form method="post" action="/__emulator/ui/mint"><label>Client <select name="client" required>${options}</select></label>
    <label>Scopes <input name="scopes" placeholder="all of the client's"></label><button type="submit">Mint</button></form>
    <p>Signed with the project's current key, with the client's custom claims, exactly as the token endpoint would.</p></section>`
}

function requestsSection(records: RequestRecord[]): Raw {
  const rows = records.map(
    (record) => h`<tr><td>${record.time.slice(11, 23)}</td><td>${record.method}</td><td><code>${record.path}</code></td>
      <td class="${record.status < 400 ? 'ok' : 'bad'}">${record.status}</td><td><code>${record.client_id ?? ''}</code></td><td>${record.duration_ms} ms</td></tr>`,
  )
  return h`<section><h2>Last requests</h2>${rows.length === 0 ? h`<p>None yet.</p>` : h`<table><thead><tr><th>Time (UTC)</th><th>Method</th><th>Path</th><th>Status</th><th>Client</th><th>Took</th></tr></thead><tbody>${rows}</tbody></table>`}</section>`
}

function noticeSection(notice: Notice | undefined): Raw {
  if (notice === undefined) return h``
  if (notice.kind === 'token') {
    return h`<section class="notice"><h2>Token for <code>${notice.clientId}</code></h2><pre id="minted-token">${notice.token}</pre>
      <h3>Claims</h3><pre>${JSON.stringify(notice.claims, null, 2)}</pre></section>`
  }
  return h`<section class="${notice.kind === 'error' ? 'error' : 'notice'}"><p>${notice.text}</p></section>`
}

/**
 * The inspector: projects, clients and scopes (never secrets: only their last four characters, as Stytch shows),
 * signing keys and their age, the last requests, and forms to mint a token or rotate a key. Plain server-rendered
 * HTML; every value is escaped.
 *
 * @param context - The running emulator.
 * @param notice - The outcome of a form action, shown on top.
 * @returns The page.
 */
export async function renderInspector(context: EmulatorContext, notice?: Notice): Promise<string> {
  const projects = await overview(context)
  const now = new Date(context.clock.now()).toISOString()
  const offset = context.clock.offsetMs === 0 ? '' : ` (offset ${Math.round(context.clock.offsetMs / 1000)} s)`
  return h`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Stytch emulator</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>${new Raw(STYLE)}</style></head>
<body><header><h1>Stytch M2M emulator</h1><div>${context.baseUrl} · clock ${now}${offset} · up ${age(Math.floor((Date.now() - context.startedAt) / 1000))}</div></header>
<main>${noticeSection(notice)}${mintForm(projects)}${projects.map(projectSection)}${requestsSection(context.log.recent(30))}
<section><h2>Admin API</h2><p>See <code>GET /__emulator/state</code>, <code>/__emulator/requests</code>, <code>/__emulator/counters</code>, <code>/__emulator/clock</code> and the package README.</p></section></main></body></html>`
    .html
}
