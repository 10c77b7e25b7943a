// The action's own codes for a bought certificate's information, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const InformationCode = {
  /** domain: the certificate is already for another domain, so its ID and the domain are not a pair. */
  DomainMismatch: 'ActionError.DomainMismatch',
  /** company-id: no such company on file (DescribeCompanies). */
  CompanyNotFound: 'ActionError.CompanyNotFound',
  /** manager-id: no such manager of the company on file (DescribeManagers). */
  ManagerNotFound: 'ActionError.ManagerNotFound',
  /** manager-id: the manager is on file but not verified. */
  ManagerNotVerified: 'ActionError.ManagerNotVerified'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [InformationCode.DomainMismatch],
    outcome: true,
    hint: 'certificate-id and domain do not pair up: the certificate is already for another domain. Give each certificate its own domain, in the order of certificate-id (or drop domain for certificates whose information is on file); nothing was sent.'
  },
  {
    codes: [InformationCode.CompanyNotFound],
    outcome: true,
    hint: 'company-id is not a company on file (the message names those that are): use one of them, or add the company on the SSL Certificates console (company information), then re-run; nothing was sent.'
  },
  {
    codes: [InformationCode.ManagerNotFound],
    outcome: true,
    hint: 'manager-id is not a manager of company-id (the message names those on file): use one of them, or add the manager on the SSL Certificates console, then re-run; nothing was sent.'
  },
  {
    codes: [InformationCode.ManagerNotVerified],
    outcome: true,
    hint: 'manager-id names a manager the CA has not verified: wait for its verification (SSL Certificates console, managers), use a verified one, or drop manager-id and give the Admin* and Tech* fields in information; nothing was sent.'
  }
]
