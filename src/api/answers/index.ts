// The answers of the calls the action makes, and their parsers: the trust boundary, one file per subject. Each
// parser checks an answer's shape and passes every string the server sends through `untrusted`, so that nothing past
// it doubts a type or prints raw server text. Pure functions, tested without a network.
export * from './common.js'
export * from './certificate.js'
export * from './validation.js'
export * from './switch.js'
export * from './bound-resources.js'
export * from './information.js'
export * from './sts.js'
export type { DvAuth } from '../validation-records.js'
