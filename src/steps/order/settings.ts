// The order's settings: verify-type, submit-api (and CertificateOrderSubmit's delete-dns-auto-record), skip-submitted.
import { InputError } from '../../support/input-error.js'
import { booleanInput, oneOf, type ReadInput } from '../../support/formats.js'
import { SUBMIT_APIS, type VerifyType } from '../../api/terms.js'
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

/** The order's settings; verify-type is read once for every step that needs it (the information carries it too). */
export function readOrderSettings(
  readInput: ReadInput,
  verifyType: VerifyType | undefined
): Omit<OrderSettings, 'wait'> {
  const text = (name: string): string => readInput(name).trim()
  return {
    ...(verifyType ? { verifyType } : {}),
    submitApi: oneOf('submit-api', text('submit-api'), SUBMIT_APIS),
    deleteDnsAutoRecord: readDeleteDnsAutoRecord(text('delete-dns-auto-record'), text('submit-api')),
    skipSubmitted: booleanInput('skip-submitted', text('skip-submitted'))
  }
}
