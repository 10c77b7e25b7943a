// The order's settings: verify-type, submit-api (and CertificateOrderSubmit's delete-dns-auto-record), skip-submitted.
import { InputError } from '../../support/input-error.js'
import { booleanInput, oneOf, type ReadInput } from '../../support/formats.js'
import { SUBMIT_APIS, VERIFY_TYPES } from '../../api/terms.js'
import type { OrderSettings } from './step.js'

function readDeleteDnsAutoRecord(value: string, submitApi: string): boolean {
  const deleteRecord = booleanInput('delete-dns-auto-record', value)
  if (deleteRecord && submitApi.toLowerCase() !== 'certificateordersubmit') {
    throw new InputError(
      'delete-dns-auto-record',
      'delete-dns-auto-record is true, but only submit-api CertificateOrderSubmit has that option: set submit-api: CertificateOrderSubmit, or drop delete-dns-auto-record.'
    )
  }
  return deleteRecord
}

export function readOrderSettings(readInput: ReadInput): Omit<OrderSettings, 'wait'> {
  const text = (name: string): string => readInput(name).trim()
  const verifyType = text('verify-type') ? oneOf('verify-type', text('verify-type'), VERIFY_TYPES) : undefined
  return {
    ...(verifyType ? { verifyType } : {}),
    submitApi: oneOf('submit-api', text('submit-api'), SUBMIT_APIS),
    deleteDnsAutoRecord: readDeleteDnsAutoRecord(text('delete-dns-auto-record'), text('submit-api')),
    skipSubmitted: booleanInput('skip-submitted', text('skip-submitted'))
  }
}
