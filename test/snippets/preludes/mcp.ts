// Given in the MCP README's blocks: the reader's MCP server factory and the resource metadata built earlier.
declare function createMcpServer(): import('@modelcontextprotocol/sdk/server/mcp.js').McpServer
declare const resourceMetadata: import('@m2m-guard/core').ResourceMetadata

export {}
