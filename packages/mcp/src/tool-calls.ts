/**
 * The names of the tools a JSON-RPC message (or batch) calls: every request with `method: "tools/call"` and a
 * string `params.name`. Anything else (notifications, other methods, malformed entries) calls no tool; the SDK
 * answers malformed messages itself.
 *
 * @param message - The parsed request body.
 * @returns The tool names, possibly empty.
 * @example
 * calledTools({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'list_users' } }) // ['list_users']
 */
export function calledTools(message: unknown): string[] {
  const messages = Array.isArray(message) ? message : [message]
  const names: string[] = []
  for (const entry of messages) {
    if (typeof entry !== 'object' || entry === null) continue
    const { method, params } = entry as { method?: unknown; params?: unknown }
    if (method !== 'tools/call' || typeof params !== 'object' || params === null) continue
    const { name } = params as { name?: unknown }
    if (typeof name === 'string') names.push(name)
  }
  return names
}
