// Given in the testing README's blocks: the reader's server under test, its msw server, and a TLS key pair (PEM).
declare const baseUrl: string
declare const server: import('msw/node').SetupServerApi
declare const key: string
declare const cert: string

export {}
