// The action's own codes for switching the old certificate's resources, and what to do about each: the README's and troubleshooting's tables are
// generated from this advice with the others (src/report/advice.ts).
import type { Advice } from '../../api/hints.js'

export const SwitchCode = {
  /** replace-certificate-id: one or more resources failed to switch to the new certificate. */
  RebindFailed: 'ActionError.RebindFailed',
  /** replace-certificate-id: the switch did not finish within rebind-timeout. */
  RebindTimeout: 'ActionError.RebindTimeout',
  /** replace-certificate-id: the finished task does not show the resources switched (none listed, counts of nothing). */
  RebindUnconfirmed: 'ActionError.RebindUnconfirmed',
  /** The bind-resource task that lists what is bound to a certificate failed. */
  BoundResourcesUnreadable: 'ActionError.BoundResourcesUnreadable'
} as const

export const ADVICE: readonly Advice[] = [
  {
    codes: [SwitchCode.RebindFailed],
    outcome: true,
    hint: "some resources did not switch to the new certificate (each is named with its product's message): fix the cause in that product, then re-run with skip-submitted: true; resources already switched are left alone."
  },
  {
    codes: [SwitchCode.RebindTimeout],
    outcome: true,
    hint: 'the switch did not finish within rebind-timeout: follow it in the SSL Certificates console (DeployRecordId), or re-run with skip-submitted: true and a longer rebind-timeout.'
  },
  {
    codes: [SwitchCode.RebindUnconfirmed],
    outcome: true,
    hint: "Tencent Cloud's switch task ended without showing that the resources now serve the new certificate (it listed none, or its counts added up to nothing): check the resources in the SSL Certificates console (its update records, DeployRecordId), then re-run with skip-submitted: true."
  },
  {
    codes: [SwitchCode.BoundResourcesUnreadable],
    outcome: true,
    hint: 'Tencent Cloud\'s bind-resource task could not read what is bound to the certificate (a kind or region failed, named in the message): nothing was taken as "nothing bound"; re-run later, and check the kinds it names in the SSL Certificates console.'
  }
]
