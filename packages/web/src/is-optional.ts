/**
 * Whether options make authentication optional, read from their type: `required: false` (or a `boolean` not known
 * until run time) may let a request through without a caller; no `required`, or `required: true`, may not.
 */
export type IsOptional<O> = O extends { required: true } ? false : O extends { required?: undefined } ? false : true
