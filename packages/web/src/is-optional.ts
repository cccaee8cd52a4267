/**
 * Whether options make authentication optional, read from their type: `required: false` (or a `boolean` not known
 * until run time) may let a request through without a caller; no `required`, or `required: true`, may not.
 */
export type IsOptional<O> = 'required' extends keyof O
  ? O extends { required?: true | undefined }
    ? false
    : true
  : false
