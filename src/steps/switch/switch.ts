import {
  MAX_PAGE_RESOURCES,
  MAX_RECORDS_PAGE,
  type RebindProgress,
  type RebindResource
} from '../../api/answers/index.js'
import type { SslApi } from '../../api/calls.js'
import { ActionErrorCode, Failure, logRetry, retryDecision, toFailure, type FailureReport } from '../../api/errors.js'
import type { RebindRequest, ResourceType } from '../../api/terms.js'
import type { CallOptions } from '../../support/call-options.js'
import { retry, type RetryDecision } from '../../support/retry.js'
import { SwitchCode } from './codes.js'

export interface RebindSettings {
  resourceTypes: ResourceType[]
  /** The regions of each regional kind in resourceTypes. */
  regions: ReadonlyMap<ResourceType, readonly string[]>
  /** ExpiringNotificationSwitch 1 for the old certificate. */
  disableOldExpiryNotices: boolean
  timeoutMs: number
  intervalMs: number
}

export interface RebindOptions extends CallOptions {
  /** A notice annotation: something to know that is not a failure. */
  notice: (message: string) => void
}

/** What became of one resource, in words, from DescribeHostUpdateRecordDetail's Status. */
const RESOURCE_OUTCOMES: Readonly<Record<number, string>> = {
  0: 'pending',
  1: 'switched',
  2: 'failed',
  3: 'running',
  4: 'rolled back',
  5: 'rollback failed',
  6: 'no resource (nothing to deploy)'
}
const SWITCHED = 1
/** "No resource, nothing to deploy": done, not failed. */
const NOTHING_TO_DEPLOY = 6
const PENDING = 0
const RUNNING = 3

export interface RebindResult {
  OldCertificateId: string
  /** The switch task; 0 when none was needed (nothing bound to the old certificate). */
  DeployRecordId: number
  SuccessTotalCount: number
  FailedTotalCount: number
  Resources: (RebindResource & { Outcome: string })[]
  /** Why nothing was switched, when nothing needed to be. */
  Note?: string
}

interface RebindOutcome {
  rebind: RebindResult
  /** `call`: the API action that failed, when it was one, for the advice. */
  failure?: FailureReport & { call?: string }
}

// Codes of UpdateCertificateInstance that are not failures of the switch: nothing to switch, or another switch first.
const NOTHING_BOUND = 'FailedOperation.CertificateDeployInstanceEmpty'
const ANOTHER_SWITCH_RUNNING = 'FailedOperation.CertificateDeployHasPendingRecord'
// DescribeHostUpdateRecordDetail pages hold at most 200 resources. A task's resources are listed up to 500 (three
// pages, a few megabytes however hostile each field); past that the task's counts decide for the rest.
const PAGE_SIZE = MAX_PAGE_RESOURCES
const MAX_LISTED_RESOURCES = 500
// The task records of one pair, 100 a page: a pair switched thousands of times is not a real account's.
const RECORDS_PAGE = MAX_RECORDS_PAGE
const MAX_RECORD_PAGES = 20
/** A failure names this many resources in full. */
const NAMED_RESOURCES = 10

/** A write is never repeated blindly: an answer that may have been lost is reconciled from the task records. */
function createDecision(error: unknown): RetryDecision {
  return toFailure(error).mayHaveTakenEffect ? 'stop' : retryDecision(error)
}

function describeResource(resource: RebindResource): string {
  const where = [
    resource.ResourceType,
    resource.Region,
    resource.InstanceId || resource.InstanceName,
    resource.ListenerId,
    resource.Domains.join(' ')
  ]
  return where.filter((part) => part !== '').join(' ')
}

/** One switch: the request, its deadline, and how it is told. */
class Switch {
  readonly request: RebindRequest
  readonly deadline: number
  readonly label: string

  constructor(
    readonly api: SslApi,
    readonly oldId: string,
    readonly newId: string,
    readonly settings: RebindSettings,
    readonly options: RebindOptions
  ) {
    this.request = {
      OldCertificateId: oldId,
      CertificateId: newId,
      ResourceTypes: settings.resourceTypes,
      ResourceTypesRegions: settings.resourceTypes.flatMap((type) => {
        const regions = settings.regions.get(type)
        return regions ? [{ ResourceType: type, Regions: [...regions] }] : []
      }),
      ...(settings.disableOldExpiryNotices ? { ExpiringNotificationSwitch: 1 as const } : {})
    }
    this.deadline = options.clock.now() + settings.timeoutMs
    this.label = `Certificate ${newId}: switching ${settings.resourceTypes.join(', ')} from ${oldId}`
  }

  /**
   * The switch tasks recorded for this pair, every page of them, so that one made by a lost answer can be told
   * apart. A record counts only when it names this pair itself (OldCertId → CertId), whatever the filter answered.
   */
  async taskIds(): Promise<Set<number>> {
    const seen = new Set<number>()
    const ours = new Set<number>()
    let total = 0
    for (let page = 0; page < MAX_RECORD_PAGES; page++) {
      const records = await this.api.describeHostUpdateRecord({
        OldCertificateId: this.oldId,
        CertificateId: this.newId,
        Limit: RECORDS_PAGE,
        Offset: page * RECORDS_PAGE
      })
      total = records.TotalCount
      const fresh = records.Records.filter((record) => !seen.has(record.Id))
      if (page > 0 && seen.size < total && fresh.length === 0) {
        throw inconsistent(
          `the switch task records ended at ${seen.size} of the ${total} their TotalCount gives, or repeated a page`,
          records.RequestId
        )
      }
      for (const record of fresh) {
        seen.add(record.Id)
        if (record.OldCertId === this.oldId && record.CertId === this.newId) ours.add(record.Id)
      }
      if (seen.size >= total || (page === 0 && fresh.length === 0)) return ours
    }
    throw inconsistent(
      `the switch task records are more than ${MAX_RECORD_PAGES * RECORDS_PAGE} (TotalCount ${total})`,
      ''
    )
  }

  /** Sleeps the interval, or fails once the deadline has passed. */
  async pause(what: string): Promise<void> {
    const remainingMs = this.deadline - this.options.clock.now()
    if (remainingMs <= 0)
      throw new Failure({
        code: SwitchCode.RebindTimeout,
        message: `${what} within rebind-timeout (${this.settings.timeoutMs / 1000} s)`
      })
    await this.options.clock.sleep(Math.min(this.settings.intervalMs, remainingMs))
  }

  /**
   * The task's ID: UpdateCertificateInstance is asked until it answers one (0 means Tencent Cloud is still gathering
   * the resources); an answer lost on the way is looked for among the task records before asking again, so a lost
   * answer never makes a second task. Undefined when nothing of these kinds is bound to the old certificate.
   */
  async start(): Promise<number | undefined> {
    const before = await this.taskIds()
    for (;;) {
      try {
        const task = await retry(
          () => this.api.updateCertificateInstance(this.request),
          this.options,
          createDecision,
          logRetry(this.options, this.label)
        )
        if (task.DeployRecordId > 0 && task.DeployStatus !== 0) {
          this.options.log.info(`${this.label}: started (DeployRecordId ${task.DeployRecordId})`)
          return task.DeployRecordId
        }
        if (task.DeployRecordId > 0) {
          // DeployStatus 0: a task was already running for the old certificate's resources. It is this switch only
          // when its records say so; one to another certificate is waited for, then the switch is asked again.
          if ((await this.taskIds()).has(task.DeployRecordId)) {
            this.options.log.info(
              `${this.label}: joined the switch already running (DeployRecordId ${task.DeployRecordId})`
            )
            return task.DeployRecordId
          }
          this.options.log.info(
            `${this.label}: task ${task.DeployRecordId}, already running, is not a switch from ${this.oldId} to ${this.newId}; waiting for it to end`
          )
          await this.untilFinished(task.DeployRecordId)
        } else {
          this.options.log.info(`${this.label}: Tencent Cloud is gathering the resources to switch`)
        }
      } catch (error) {
        const failure = toFailure(error)
        if (failure.code === NOTHING_BOUND) return undefined
        if (failure.code === ANOTHER_SWITCH_RUNNING) {
          this.options.log.info(
            `${this.label}: another switch of ${this.oldId}'s resources is running; waiting for it to finish`
          )
        } else if (failure.mayHaveTakenEffect) {
          const created = [...(await this.taskIds())].filter((id) => !before.has(id))
          if (created.length > 0) {
            const id = Math.max(...created)
            this.options.log.warning(
              `${this.label}: the answer was lost (${failure.code}), but it created switch task ${id}: following that one`
            )
            return id
          }
          this.options.log.info(
            `${this.label}: the answer was lost (${failure.code}) and no task was created; asking again`
          )
        } else {
          throw failure
        }
      }
      await this.pause('no switch task could be started')
    }
  }

  private progress(deployRecordId: number, offset: number): Promise<RebindProgress> {
    return this.api.describeHostUpdateRecordDetail({
      DeployRecordId: String(deployRecordId),
      Limit: String(PAGE_SIZE),
      Offset: String(offset)
    })
  }

  /** Polls until nothing of the task is pending or running; returns its last counts. */
  async untilFinished(deployRecordId: number): Promise<RebindProgress> {
    // The counts decide, and the page's own statuses too: an answer may leave PendingTotalCount out, as the spec's example does.
    const unfinished = (page: RebindProgress): boolean =>
      page.RunningTotalCount + page.PendingTotalCount > 0 ||
      page.Resources.some((r) => r.Status === PENDING || r.Status === RUNNING)
    let counts = await this.progress(deployRecordId, 0)
    while (unfinished(counts)) {
      this.options.log.info(
        `${this.label}: task ${deployRecordId}: ${counts.SuccessTotalCount} of ${counts.TotalCount} switched, ${counts.FailedTotalCount} failed, ` +
          `${counts.RunningTotalCount} running, ${counts.PendingTotalCount} pending`
      )
      await this.pause(
        `task ${deployRecordId} did not finish (${counts.SuccessTotalCount} of ${counts.TotalCount} switched so far)`
      )
      counts = await this.progress(deployRecordId, 0)
    }
    return counts
  }

  /**
   * Follows the task to its end, then reads its resources page by page, up to MAX_LISTED_RESOURCES. A page that
   * brings nothing new before TotalCount is reached (empty, or a repeat) is an answer that cannot be trusted.
   */
  async follow(deployRecordId: number): Promise<{ counts: RebindProgress; resources: RebindResource[] }> {
    const counts = await this.untilFinished(deployRecordId)
    const wanted = Math.min(counts.TotalCount, MAX_LISTED_RESOURCES)
    const resources: RebindResource[] = []
    const seen = new Set<number>()
    const add = (page: RebindProgress): number => {
      const fresh = page.Resources.filter((resource) => resource.Id === 0 || !seen.has(resource.Id))
      for (const resource of fresh) seen.add(resource.Id)
      resources.push(...fresh.slice(0, MAX_LISTED_RESOURCES - resources.length))
      return fresh.length
    }
    add(counts)
    for (let offset = PAGE_SIZE; resources.length < wanted; offset += PAGE_SIZE) {
      const page = await this.progress(deployRecordId, offset)
      if (add(page) === 0) {
        throw inconsistent(
          `task ${deployRecordId}'s resources ended at ${resources.length} of the ${counts.TotalCount} its TotalCount gives, or repeated a page`,
          page.RequestId
        )
      }
    }
    return { counts, resources }
  }
}

/** An answer whose pages do not add up: not a network error, and not to be taken for a finished switch. */
function inconsistent(what: string, requestId: string): Failure {
  return new Failure({ code: ActionErrorCode.InconsistentAnswer, message: what, requestId })
}

/**
 * Why a finished task does not show that every resource now serves the new certificate; undefined when it does.
 * Only resources in status 1 whose record names the new certificate are switched; the counts must agree.
 */
function unconfirmed(counts: RebindProgress, listed: readonly RebindResource[]): string | undefined {
  if (listed.length === 0) return 'it lists no resource, so nothing shows that anything was switched'
  const accounted =
    counts.SuccessTotalCount + counts.FailedTotalCount + counts.RunningTotalCount + counts.PendingTotalCount
  // A resource with nothing to deploy (status 6) is in no count of the documented ones, and still accounted for.
  const nothingToDeploy = listed.filter((resource) => resource.Status === NOTHING_TO_DEPLOY).length
  if (counts.TotalCount > 0 && accounted + nothingToDeploy === 0)
    return `its counts add up to nothing (TotalCount ${counts.TotalCount}, every count 0)`
  return undefined
}

const switchedTo =
  (newId: string) =>
  (resource: RebindResource): boolean =>
    resource.Status === NOTHING_TO_DEPLOY ||
    (resource.Status === SWITCHED && (resource.CertId === '' || resource.CertId === newId))

function outcomeOf(resource: RebindResource, newId: string): string {
  const outcome = RESOURCE_OUTCOMES[resource.Status] ?? `unknown (status ${resource.Status})`
  return resource.Status === SWITCHED && !switchedTo(newId)(resource)
    ? `switched to another certificate (${resource.CertId})`
    : outcome
}

/**
 * Switches every resource of the chosen kinds from the old certificate to the new one and waits until each is done.
 * Never throws: the outcome holds what was switched, and a failure when anything failed or the timeout passed.
 */
export async function rebindCertificate(
  api: SslApi,
  newId: string,
  oldId: string,
  settings: RebindSettings,
  options: RebindOptions
): Promise<RebindOutcome> {
  const switching = new Switch(api, oldId, newId, settings, options)
  const rebind: RebindResult = {
    OldCertificateId: oldId,
    DeployRecordId: 0,
    SuccessTotalCount: 0,
    FailedTotalCount: 0,
    Resources: []
  }
  try {
    const id = await switching.start()
    if (id === undefined) {
      rebind.Note = `nothing of the kinds ${settings.resourceTypes.join(', ')} is bound to ${oldId} (already switched by an earlier run?)`
      options.notice(`Certificate ${newId}: ${rebind.Note}; nothing to switch.`)
      return { rebind }
    }
    rebind.DeployRecordId = id
    const { counts, resources } = await switching.follow(id)
    Object.assign(rebind, {
      SuccessTotalCount: counts.SuccessTotalCount,
      FailedTotalCount: counts.FailedTotalCount,
      Resources: resources.map((resource) => ({ ...resource, Outcome: outcomeOf(resource, newId) }))
    })
    options.log.info(
      `${switching.label}: task ${id} done, ${counts.SuccessTotalCount} of ${counts.TotalCount} switched, ${counts.FailedTotalCount} failed`
    )
    const accounted =
      counts.SuccessTotalCount + counts.FailedTotalCount + counts.RunningTotalCount + counts.PendingTotalCount
    if (resources.length === 0 && counts.TotalCount === 0 && accounted === 0) {
      // Real callers see this when nothing is bound: a task whose counts are all 0.
      rebind.Note = `task ${id} counts no resource: nothing of the kinds ${settings.resourceTypes.join(', ')} is bound to ${oldId}`
      options.notice(`Certificate ${newId}: ${rebind.Note}; nothing was switched.`)
      return { rebind }
    }
    const doubt = unconfirmed(counts, resources)
    if (doubt) {
      return {
        rebind,
        failure: {
          code: SwitchCode.RebindUnconfirmed,
          message: `switching from ${oldId} (task ${id}): ${doubt}`,
          requestId: counts.RequestId
        }
      }
    }
    const notSwitched = rebind.Resources.filter((resource) => !switchedTo(newId)(resource))
    // Resources past the listed ones are told by the counts alone.
    const unlisted = Math.max(0, counts.TotalCount - resources.length)
    const unlistedNotSwitched =
      unlisted > 0 ? Math.max(0, counts.TotalCount - counts.SuccessTotalCount - notSwitched.length) : 0
    const failures = Math.max(notSwitched.length + unlistedNotSwitched, counts.FailedTotalCount)
    if (failures === 0) return { rebind }
    const named = notSwitched
      .slice(0, NAMED_RESOURCES)
      .map((r) => `${describeResource(r)}: ${r.Outcome}${r.ErrorMsg ? ` (${r.ErrorMsg})` : ''}`)
    const more = failures - named.length
    const message =
      `switching from ${oldId} (task ${id}), ${failures} of ${counts.TotalCount} resources failed: ` +
      `${named.join('; ')}${more > 0 ? `${named.length > 0 ? '; and ' : ''}${more} more` : ''}`
    return { rebind, failure: { code: SwitchCode.RebindFailed, message, requestId: counts.RequestId } }
  } catch (error) {
    const failure = toFailure(error)
    const { code, message, requestId } = failure
    return {
      rebind,
      failure: {
        code,
        requestId,
        message: `switching from ${oldId}${rebind.DeployRecordId ? ` (task ${rebind.DeployRecordId})` : ''}: ${message}`,
        ...(failure.action ? { call: failure.action } : {})
      }
    }
  }
}
