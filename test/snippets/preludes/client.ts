// Given in the client README's blocks: the token source and options built earlier, and the reader's secret store.
declare const tokens: import('@m2m-guard/client').TokenSource
declare const options: import('@m2m-guard/client').TokenSourceOptions
declare const secrets: { readonly stytchClientSecret: string }
declare const secretStore: { watch(name: string, onChange: (secret: string) => void): void }

export {}
