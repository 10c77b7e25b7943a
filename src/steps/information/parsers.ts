// The CSR reader (PeculiarVentures' ASN.1 schemas) and the YAML parser are loaded only for a step that gives domain,
// before its inputs are read: every other step starts without parsing them (ncc puts them in chunks of their own).
import type * as Csr from './csr.js'
import type * as Yaml from 'yaml'

type Parsers = { csr: typeof Csr; yaml: typeof Yaml }

let loaded: Parsers | undefined

export async function loadInformationParsers(): Promise<void> {
  loaded ??= { csr: await import('./csr.js'), yaml: await import('yaml') }
}

/** The parsers, once loadInformationParsers has run. */
export function informationParsers(): Parsers {
  if (!loaded)
    throw new Error('the information parsers are not loaded: await loadInformationParsers() before reading domain')
  return loaded
}
