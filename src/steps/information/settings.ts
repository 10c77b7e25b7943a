// domain and its companions: a bought certificate's information (CertificateInfoSubmit), checked whole before
// anything is sent: the names, the contacts, the CSR and every field given by name.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { InputError } from '../../support/input-error.js'
import { booleanInput, listItems, named, oneOf, pathStat, PRIVATE_KEY_PEM } from '../../support/formats.js'
import type { ReadInput } from '../../support/formats.js'
import type { CertificateRequest } from './csr.js'
import { informationParsers } from './parsers.js'
import { quoted } from '../../support/untrusted.js'
import {
  COMPANY_FIELD,
  MORE_INFORMATION_FIELDS,
  SECRET_INFORMATION_FIELD,
  type InformationRequest,
  type InformationValue,
  type VerifyType
} from '../../api/terms.js'

/** Each certificate's information, as CertificateInfoSubmit takes it, and how to say it in a line. */
export interface InformationSettings {
  requests: ReadonlyMap<string, InformationRequest>
  /** The key, for the log and the summary: "CSR CN=shop.example.com (EC P-256)", or "RSA 2048, made by Tencent Cloud". */
  key: string
  /** csr was given: Tencent Cloud holds no key, so no privkey.pem can be written. */
  /** auto-renew: AutoRenewFlag 1, automatic charges. */
  autoRenew: boolean
  /** key-algorithm was given in so many words, not left to its default. */
  keyChosen: boolean
}

/** The inputs that only mean something with domain. */
const COMPANIONS = ['other-domains', 'company-id', 'manager-id', 'contact-email', 'csr', 'information'] as const

/** The inputs that own CertificateInfoSubmit's fields: `information` cannot set these. */
const OWNED_FIELDS: Readonly<Record<string, string>> = {
  CertId: 'certificate-id',
  CertCommonName: 'domain',
  DnsNames: 'other-domains',
  CompanyType: 'company-id',
  CompanyId: 'company-id',
  ManagerId: 'manager-id',
  ContactEmail: 'contact-email',
  GenCsrType: 'csr',
  Csr: 'csr',
  CsrEncryptAlgo: 'key-algorithm',
  CsrKeyParameter: 'key-algorithm',
  VerifyType: 'verify-type',
  AutoRenewFlag: 'auto-renew'
}

const KEY_ALGORITHMS = ['RSA-2048', 'RSA-4096', 'ECC-P256'] as const
const ONLINE_KEYS: Readonly<
  Record<(typeof KEY_ALGORITHMS)[number], Pick<InformationRequest, 'CsrEncryptAlgo' | 'CsrKeyParameter'>>
> = {
  'RSA-2048': { CsrEncryptAlgo: 'RSA', CsrKeyParameter: '2048' },
  'RSA-4096': { CsrEncryptAlgo: 'RSA', CsrKeyParameter: '4096' },
  'ECC-P256': { CsrEncryptAlgo: 'ECC', CsrKeyParameter: 'prime256v1' }
}

/** A host name a CA issues for, or a wildcard over one: labels of letters, digits and hyphens, a top-level name. */
const CERTIFICATE_NAME =
  /^(\*\.)?(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(xn--[a-z0-9-]{1,59}|[a-z]{2,63})$/
const EMAIL = /^[^\s@"<>,;]{1,64}@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i
const NUMERIC_ID = /^[1-9][0-9]{0,18}$/
/** A CSR is a few kilobytes; a file far larger is not one. */
const MAX_CSR_BYTES = 64 * 1024

function readNames(input: string, value: string): string[] {
  const names = [...new Set(listItems(value).map((name) => name.toLowerCase()))]
  const wrong = names.filter((name) => !CERTIFICATE_NAME.test(name))
  if (wrong.length > 0) {
    throw new InputError(
      input,
      `${input} ${named(wrong)} ${wrong.length === 1 ? 'is not a host name' : 'are not host names'}: use names such as shop.example.com or *.example.com.`
    )
  }
  return names
}

function readId(input: string, value: string, what: string): string | undefined {
  if (!value) return undefined
  if (!NUMERIC_ID.test(value)) {
    throw new InputError(
      input,
      `${input} ${quoted(value)} is not a ${what} ID: give the number the SSL Certificates console shows for it (${what === 'company' ? 'DescribeCompanies' : 'DescribeManagers'}), such as 11772.`
    )
  }
  return value
}

/** The csr input: PEM text, or the path of a file holding it. A private key given by mistake is masked, never echoed. */
function readCsrInput(value: string, mask: (secret: string) => void): CertificateRequest | undefined {
  if (!value) return undefined
  let text = value
  if (!value.includes('-----BEGIN')) {
    const path = resolve(value)
    const file = pathStat('csr', path)
    if (!file?.isFile())
      throw new InputError(
        'csr',
        `csr ${quoted(value)} is neither PEM text nor a file: give the CSR's PEM text, or the path of a file holding it.`
      )
    if (file.size > MAX_CSR_BYTES)
      throw new InputError(
        'csr',
        `csr ${quoted(value)} is ${file.size} bytes, far more than a CSR: give the file holding the certificate signing request.`
      )
    text = readFileSync(path, 'utf8')
  }
  if (PRIVATE_KEY_PEM.test(text)) {
    for (const line of text.split(/\r?\n/)) if (line.trim() && !line.startsWith('-----')) mask(line.trim())
  }
  const { readCsr, CsrProblem } = informationParsers().csr
  try {
    return readCsr(text)
  } catch (error) {
    if (!(error instanceof CsrProblem)) throw error
    throw new InputError(
      'csr',
      `csr ${error.message}: give the PEM certificate signing request made with your key (-----BEGIN CERTIFICATE REQUEST-----).`
    )
  }
}

/** The information input: a YAML or JSON mapping of CertificateInfoSubmit's other fields, each of its type. */
function readMoreFields(
  value: string,
  personal: boolean,
  mask: (secret: string) => void
): Record<string, InformationValue> {
  if (!value) return {}
  const { parse, YAMLParseError } = informationParsers().yaml
  let parsed: unknown
  try {
    parsed = parse(value, { schema: 'core', uniqueKeys: true })
  } catch (error) {
    // The parser's own message quotes the text, and a KeyPass may be in it: only the place is said.
    const where = error instanceof YAMLParseError && error.linePos ? ` (line ${error.linePos[0].line})` : ''
    throw new InputError(
      'information',
      `information is not a YAML or JSON mapping${where}: write one field per line, such as "OrgOrganization: Example Ltd".`
    )
  }
  if (parsed === null || parsed === undefined) return {}
  if (typeof parsed !== 'object' || Array.isArray(parsed))
    throw new InputError(
      'information',
      'information is not a mapping: write one field per line, such as "OrgOrganization: Example Ltd".'
    )
  const fields = parsed as Record<string, unknown>
  for (const [name, field] of Object.entries(fields)) {
    if (SECRET_INFORMATION_FIELD.test(name) && (typeof field === 'string' || typeof field === 'number'))
      mask(String(field))
  }
  const problems: string[] = []
  for (const [name, field] of Object.entries(fields)) {
    const type = MORE_INFORMATION_FIELDS[name]
    if (OWNED_FIELDS[name]) problems.push(`${name} is set by the ${OWNED_FIELDS[name]} input: use that input instead`)
    else if (!type)
      problems.push(
        `${quoted(name)} is not a CertificateInfoSubmit field the action sends (known: ${Object.keys(MORE_INFORMATION_FIELDS).join(', ')})`
      )
    else if (type === 'string' && typeof field !== 'string')
      problems.push(
        `${name} must be text${typeof field === 'number' ? `: quote it (YAML reads ${name}: ${String(field)} as a number, and drops leading zeros)` : ''}`
      )
    else if (type === 'integer' && !Number.isInteger(field)) problems.push(`${name} must be a whole number`)
    else if (type === 'boolean' && typeof field !== 'boolean') problems.push(`${name} must be true or false`)
    else if (personal && COMPANY_FIELD.test(name))
      problems.push(
        `${name} is for a company's certificate: set company-id, or drop it (a personal certificate, without company-id, takes no Org*, Admin* or Tech* fields)`
      )
  }
  if (problems.length > 0) throw new InputError('information', `information: ${problems.join('; ')}.`)
  return fields as Record<string, InformationValue>
}

/**
 * domain and its companions, for CertificateInfoSubmit: undefined when domain is empty (the information is on file
 * already). Every value is checked here; a secret among them (KeyPass, an ID number, a private key pasted as csr)
 * is masked before anything can print it.
 */
export function readInformation(
  readInput: ReadInput,
  certificateIds: readonly string[] | undefined,
  verifyType: VerifyType | undefined,
  mask: (secret: string) => void
): InformationSettings | undefined {
  const text = (name: string): string => readInput(name).trim()
  const domains = readNames('domain', text('domain'))
  const autoRenew = booleanInput('auto-renew', text('auto-renew') || 'false')
  const keyAlgorithm = oneOf('key-algorithm', text('key-algorithm') || 'RSA-2048', KEY_ALGORITHMS)
  if (domains.length === 0) {
    const given = [...COMPANIONS.filter((name) => text(name) !== ''), ...(autoRenew ? ['auto-renew'] : [])]
    if (given.length > 0) {
      throw new InputError(
        given[0],
        `${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} set, but domain is empty: give the certificate's domain (domain: shop.example.com) so that its information is submitted, or drop ${given.length === 1 ? 'it' : 'them'}.`
      )
    }
    return undefined
  }
  const ids = certificateIds ?? []
  if (certificateIds && domains.length !== ids.length) {
    throw new InputError(
      'domain',
      `domain names ${domains.length} domain${domains.length === 1 ? '' : 's'} and certificate-id ${ids.length} certificate${ids.length === 1 ? '' : 's'}: give each certificate's domain, in the same order.`
    )
  }
  const single = (input: string): void => {
    if (ids.length > 1)
      throw new InputError(
        input,
        `${input} is set with ${ids.length} certificates: it belongs to one certificate, so run one step per certificate (a matrix).`
      )
  }
  const otherDomains = readNames('other-domains', text('other-domains')).filter((name) => name !== domains[0])
  if (otherDomains.length > 0) single('other-domains')

  const companyId = readId('company-id', text('company-id'), 'company')
  const managerId = readId('manager-id', text('manager-id'), 'manager')
  if (managerId && !companyId)
    throw new InputError(
      'manager-id',
      'manager-id is set without company-id: a manager belongs to a company, so give its company-id too.'
    )
  const contactEmail = text('contact-email')
  if (contactEmail && !EMAIL.test(contactEmail))
    throw new InputError(
      'contact-email',
      `contact-email ${quoted(contactEmail)} is not an e-mail address: give one such as ssl@example.com.`
    )
  if (!companyId && !contactEmail) {
    throw new InputError(
      'contact-email',
      'contact-email is empty and so is company-id: a personal certificate (no company-id, DV only) needs contact-email; a company one needs company-id.'
    )
  }
  const csr = readCsrInput(text('csr'), mask)
  if (csr) {
    single('csr')
    if (csr.commonName !== domains[0])
      throw new InputError(
        'csr',
        `csr is for ${quoted(csr.commonName)} (its common name), not domain ${quoted(domains[0])}: give the CSR made for ${domains[0]}, or correct domain.`
      )
    const uncovered = otherDomains.filter((name) => !csr.names.includes(name))
    if (uncovered.length > 0)
      throw new InputError(
        'csr',
        `csr does not ask for other-domains ${named(uncovered)}: make the CSR with every name in its subjectAltName, or drop them from other-domains.`
      )
  }
  const more = readMoreFields(readInput('information'), !companyId, mask)

  const common = {
    ...more,
    GenCsrType: csr ? ('parse' as const) : ('online' as const),
    CompanyType: companyId ? (2 as const) : (1 as const),
    CompanyId: companyId ?? '0',
    ...(managerId ? { ManagerId: managerId } : {}),
    ...(contactEmail ? { ContactEmail: contactEmail } : {}),
    ...(csr ? { Csr: csr.pem } : ONLINE_KEYS[keyAlgorithm]),
    ...(verifyType ? { VerifyType: verifyType } : {}),
    ...(autoRenew ? { AutoRenewFlag: 1 as const } : {})
  }
  return {
    requests: new Map(
      ids.map((id, index) => [
        id,
        {
          ...common,
          CertId: id,
          CertCommonName: domains[index],
          ...(otherDomains.length > 0 ? { DnsNames: otherDomains } : {})
        }
      ])
    ),
    key: csr ? `your CSR ${csr.subject} (${csr.key})` : `${keyAlgorithm}, made and kept by Tencent Cloud`,
    autoRenew,
    keyChosen: text('key-algorithm') !== ''
  }
}
