// The renewal step (renew-certificate-id): first, the line of certificates followed from the one named to its newest,
// which the other steps then carry through as certificate-id would be (skip-submitted, its information, the switch
// from the certificate it renews); at the end of the flow, the old certificate silenced once nothing is bound to it,
// and the alarm: a certificate in service that is due (or expired) without a renewal, or whose renewal is stuck.
import type { CertificateDetail } from '../../api/answers/index.js'
import { Failure } from '../../api/errors.js'
import { ISSUED, statusName } from '../../api/status.js'
import type { InformationRequest } from '../../api/terms.js'
import { isFailure, type BaseResult } from '../../flow/result.js'
import { StepFailed, type CertificateFlow, type Job, type Step } from '../../flow/step.js'
import type { InformationSlice, InformationStepSettings } from '../information/step.js'
import { requested } from '../information/information.js'
import type { OrderSettings } from '../order/step.js'
import type { SwitchSettings } from '../switch/step.js'
import type { FilesSlice } from '../files/step.js'
import type { ValidationSlice } from '../validation/step.js'
import {
  dueOf,
  followRenewals,
  isVerifyType,
  issuedTimes,
  renewalFromNewSide,
  renewalInformation,
  silenceWhenUnbound,
  subscription,
  uncovered,
  waitsFor,
  type RenewalResult,
  type RenewalSettings,
  type RenewalState
} from './renewal.js'
import { RenewalCode } from './codes.js'
import { AWAITING_INFORMATION } from '../../api/status.js'

export interface RenewalStepSettings extends OrderSettings, InformationStepSettings, SwitchSettings {
  /** renew-certificate-id: the certificate named is the one in service, followed to the newest of its line. */
  renewal?: RenewalSettings
}

export interface RenewalSlice {
  /** The line of certificates followed, and where the renewal stands. */
  Renewal?: RenewalResult
}

export type RenewalFlowResult = BaseResult & RenewalSlice & InformationSlice & FilesSlice & ValidationSlice
type RenewalFlow = CertificateFlow<RenewalStepSettings, RenewalFlowResult>

/** What the line step found, for the end of the flow. */
interface Line {
  chain: string[]
  newest: CertificateDetail
  previous?: CertificateDetail
  slice: Omit<RenewalResult, 'DaysLeft' | 'BeforeDays' | 'State'>
  /** Carried by another named certificate's flow, or already failed: nothing to settle. */
  settled: boolean
}

export function renewalStep(job: Job): Step<RenewalStepSettings, RenewalFlowResult> {
  // The flows of the job's lines by their newest certificate, so that a certificate reached twice is carried once.
  const carried = new Map<string, { namedId: string; result: Promise<RenewalFlowResult> }>()
  const lines = new WeakMap<RenewalFlow, Line>()
  const now = (): number => job.clock.now()

  async function follow(flow: RenewalFlow, planning: boolean): Promise<'done' | void> {
    const renewal = flow.settings.renewal
    if (!renewal) return
    const namedId = flow.namedId
    let line
    let looked: string | undefined
    try {
      line = await followRenewals(job.api, namedId, job)
      const last = line[line.length - 1].detail
      const { days, before } = dueOf(last, renewal, now())
      if (last.Status === ISSUED && days !== null && days <= before) {
        // Before saying "missing": a renewal may name this one from its own side only.
        const found = await renewalFromNewSide(job.api, last, job)
        looked = found.looked
        if (found.id) line = await followRenewals(job.api, found.id, job, line)
      }
    } catch (error) {
      const Renewal = {
        RenewsCertificateId: '',
        Chain: [namedId],
        DaysLeft: null,
        BeforeDays: renewal.beforeDays ?? 30,
        State: 'missing' as const
      }
      flow.result = { ...flow.result, Renewal }
      throw new StepFailed(error)
    }
    const chain = line.map((linked) => linked.detail.CertificateId)
    const newest = line[line.length - 1].detail
    const previousLinked = line.length > 1 ? line[line.length - 2] : undefined
    const previous = previousLinked?.detail
    const id = newest.CertificateId
    const slice = {
      RenewsCertificateId: previous?.CertificateId ?? '',
      Chain: chain,
      ...(looked ? { LookedAt: looked } : {}),
      ...subscription(line[line.length - 1].listed ?? previousLinked?.listed)
    }
    // One line, one flow: a newest certificate reached from two named ones is carried once.
    const other = carried.get(id)
    if (other) {
      job.log.info(`Certificate ${namedId}: its line leads to ${id}, carried once with ${other.namedId}`)
      const shared = await other.result
      flow.result = { ...shared, Renewal: { ...shared.Renewal!, ...slice, SameLineAs: other.namedId } }
      lines.set(flow, { chain, newest, slice, settled: true })
      return 'done'
    }
    carried.set(id, { namedId, result: flow.finished })
    flow.id = id
    flow.result = { ...flow.result, CertificateId: id }
    if (previous)
      job.log.info(
        `Certificate ${namedId}: renewed by ${chain.slice(1).join(' → ')}; ${planning ? 'a real run would carry' : 'carrying'} ${id} through`
      )
    if (planning)
      job.preview?.add(id, {
        Step: 'renewal',
        Would: previous ? `carry ${id} through, renewing ${previous.CertificateId}` : `keep ${id} in service`,
        Why: `the line followed: ${chain.join(' → ')}`
      })
    const line0: Line = { chain, newest, ...(previous ? { previous } : {}), slice, settled: false }
    lines.set(flow, line0)

    let information: InformationRequest | undefined
    if (previous) {
      try {
        if (newest.Status === AWAITING_INFORMATION)
          information = renewalInformation(namedId, id, previous, flow.settings.information, job)
        // A renewal must cover every name of the certificate it replaces, or the switch would break those names.
        const names = newest.Names.length > 0 ? newest.Names : information ? requested(information) : []
        const missing = names.length > 0 ? uncovered(previous.Names, names) : []
        if (missing.length > 0) {
          throw new Failure({
            code: RenewalCode.RenewalNamesDiffer,
            requestId: newest.RequestId,
            message: `it renews ${previous.CertificateId} but does not cover ${missing.join(', ')} (it is for ${names.join(', ')}), so it is not switched in and ${previous.CertificateId} is left as it is`
          })
        }
      } catch (error) {
        const due = dueOf(previous, renewal, now())
        flow.result = {
          ...flow.result,
          Renewal: { ...slice, DaysLeft: due.days, BeforeDays: due.before, State: 'in-progress' }
        }
        line0.settled = true
        throw new StepFailed(error, { known: { OrderId: newest.OrderId, Status: newest.Status } })
      }
    }
    // The newest is carried through as certificate-id would be: never submitted twice, its own information, the
    // switch from the one it renews (whose notices this step silences itself, once nothing is bound to it).
    const { information: _given, rebind, ...rest } = flow.settings
    void _given
    const verifyType =
      flow.settings.verifyType ?? (previous && isVerifyType(previous.VerifyType) ? previous.VerifyType : undefined)
    flow.settings = {
      ...rest,
      skipSubmitted: true,
      ...(verifyType ? { verifyType } : {}),
      ...(information ? { information: { requests: new Map([[id, information]]), keyChosen: true } } : {}),
      ...(rebind && previous
        ? { rebind: { ...rebind, disableOldExpiryNotices: false, oldIds: new Map([[id, previous.CertificateId]]) } }
        : {})
    }
  }

  /** The end of a renewal's flow: the alarm, and the old certificate silenced once the newest is in service. */
  async function settle(flow: RenewalFlow): Promise<void> {
    const line = lines.get(flow)
    const renewal = flow.settings.renewal
    if (!line || line.settled || !renewal) return
    const { newest, previous, slice } = line
    const id = newest.CertificateId
    const preview = job.preview
    const result = flow.result
    const inServiceDue = previous ? dueOf(previous, renewal, now()) : { days: null, before: renewal.beforeDays ?? 30 }

    if (result.Status !== ISSUED) {
      if (previous && renewal.silenceOld && preview)
        preview.add(id, {
          Step: 'ModifyCertificatesExpiringNotificationSwitch',
          Would: `turn off the expiry notices of ${previous.CertificateId}, if nothing is bound to it any more`,
          Why: 'disable-old-expiry-notices: true, once the renewal is issued and switched in'
        })
      const state: RenewalState = preview && previous ? 'would-renew' : 'in-progress'
      const Renewal = { ...slice, DaysLeft: inServiceDue.days, BeforeDays: inServiceDue.before, State: state }
      flow.result = { ...flow.result, Renewal }
      if (!previous) return
      if (inServiceDue.days === null) {
        job.log.warning(
          `Certificate ${previous.CertificateId}: its expiry (CertEndTime) is unknown, so whether its renewal ${id} is late cannot be told`
        )
        return
      }
      // A stuck renewal raises the alarm: the certificate in service is due (or expired) and its renewal is not issued.
      const expired = inServiceDue.days < 0
      if (preview || (!expired && inServiceDue.days > inServiceDue.before)) return
      const when = expired
        ? `expired ${-inServiceDue.days} days ago`
        : `expires in ${inServiceDue.days} days, within renew-before-days (${inServiceDue.before})`
      const status = result.Status ?? newest.Status
      const waiting = waitsFor({ ...newest, Status: status, DvAuths: result.DvAuths ?? newest.DvAuths })
      const stuck = `its renewal ${id} is not issued: status ${status} (${statusName(status)}), waiting for ${waiting}`
      if (isFailure(result)) {
        flow.result = {
          ...flow.result,
          ErrorMessage: `${result.ErrorMessage}; ${previous.CertificateId}, in service, ${when}`,
          Renewal: { ...Renewal, State: 'not-issued' }
        }
        return
      }
      const failure = new Failure({
        code: RenewalCode.RenewalNotIssued,
        requestId: result.RequestId,
        message: `${previous.CertificateId}, in service, ${when} (${previous.CertEndTime} GMT+8), and ${stuck}`
      })
      flow.fail(new StepFailed(failure, { known: { OrderId: result.OrderId, Status: result.Status } }))
      flow.result = { ...flow.result, Renewal: { ...Renewal, State: 'not-issued' } }
      return
    }

    const known = newest.CertEndTime ? newest : { ...newest, ...(await issuedTimes(job.api, id, newest)) }
    const due = dueOf(known, renewal, now())
    let state: RenewalState = previous ? 'renewed' : 'not-due'
    let stillBound: string | undefined
    // The one in service now: the old one silenced on every run (idempotent), once nothing is bound to it any more.
    if (previous && !isFailure(result) && renewal.silenceOld) {
      if (preview) {
        preview.add(id, {
          Step: 'ModifyCertificatesExpiringNotificationSwitch',
          Would: `turn off the expiry notices of ${previous.CertificateId}, if nothing is bound to it any more`,
          Why: 'disable-old-expiry-notices: true, and its renewal is in service'
        })
      } else {
        const silenced = await silenceWhenUnbound(job.api, previous.CertificateId, flow.settings.rebind, job)
        if (silenced.failure) flow.fail(silenced.failure)
        stillBound = silenced.stillBound
        if (stillBound) state = 'switched-partly'
      }
    }
    const renewed = { ...slice, BeforeDays: due.before, ...(stillBound ? { StillBound: stillBound } : {}) }
    if (due.days === null) {
      job.log.warning(
        `Certificate ${id}: its expiry (CertEndTime) is unknown, so whether its renewal is due cannot be told; check it in the SSL Certificates console`
      )
      flow.result = { ...flow.result, Renewal: { ...renewed, DaysLeft: null, State: state } }
      return
    }
    const until = known.CertEndTime || flow.result.NotAfter || 'an unknown date'
    // Whether it renewed another or not, a certificate in service without a renewal close to its expiry is the alarm.
    if (due.days <= due.before) {
      const when =
        due.days < 0
          ? `expired on ${until} (GMT+8), ${-due.days} days ago`
          : `expires on ${until} (GMT+8), in ${due.days} days, within renew-before-days (${due.before})`
      const failure = new Failure({
        code: RenewalCode.RenewalMissing,
        requestId: newest.RequestId,
        message: `it ${when}, and no renewal was found: looked at ${slice.LookedAt ?? 'its renewal links'}`
      })
      flow.fail(new StepFailed(failure, { known: { OrderId: flow.result.OrderId, Status: ISSUED } }))
      flow.result = { ...flow.result, Renewal: { ...renewed, DaysLeft: due.days, State: 'missing' } }
      return
    }
    job.notice(
      `Certificate ${id}: in service until ${until} (GMT+8), ${due.days} days; no renewal is due before ${due.before} days are left`
    )
    flow.result = { ...flow.result, Renewal: { ...renewed, DaysLeft: due.days, State: state } }
  }

  return {
    name: 'renewal',
    run: (flow) => follow(flow, false),
    plan: (flow) => follow(flow, true),
    finish: settle
  }
}
