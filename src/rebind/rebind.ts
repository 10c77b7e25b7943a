import type { RebindProgress, RebindResource, SslApi } from '../tencent-cloud/client.js'
import { ActionErrorCode, ApiFailure, logRetry, retried, retryDecision, toApiFailure } from '../tencent-cloud/errors.js'
import type { RebindRequest, ResourceType } from '../tencent-cloud/api.js'
import type { CallOptions } from '../support/logger.js'
import { retry, type RetryDecision } from '../support/retry.js'

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
  6: 'no resource'
}
const FAILED_RESOURCE = new Set([2, 5])
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

export interface RebindOutcome {
  rebind: RebindResult
  failure?: { code: string; message: string; requestId: string }
}

// Codes of UpdateCertificateInstance that are not failures of the switch: nothing to switch, or another switch first.
const NOTHING_BOUND = 'FailedOperation.CertificateDeployInstanceEmpty'
const ANOTHER_SWITCH_RUNNING = 'FailedOperation.CertificateDeployHasPendingRecord'
// DescribeHostUpdateRecordDetail pages hold at most 200 resources; a switch of 10,000 is far beyond any account's.
const PAGE_SIZE = 200
const MAX_PAGES = 50
const RECORDS_PAGE = 100
/** A failure names this many resources in full. */
const NAMED_RESOURCES = 10

/** A write is never repeated blindly: an answer that may have been lost is reconciled from the task records. */
function createDecision(error: unknown): RetryDecision {
  return toApiFailure(error).outcomeUnknown ? 'stop' : retryDecision(error)
}

function describeResource(resource: RebindResource): string {
  const where = [resource.ResourceType, resource.Region, resource.InstanceId || resource.InstanceName, resource.ListenerId, resource.Domains.join(' ')]
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

  /** The switch tasks that already exist for this pair, every page of them, so that one made by a lost answer can be told apart. */
  async taskIds(): Promise<Set<number>> {
    const ids = new Set<number>()
    for (let page = 0; page < MAX_PAGES; page++) {
      const records = await retried(
        () => this.api.describeHostUpdateRecord({ OldCertificateId: this.oldId, CertificateId: this.newId, Limit: RECORDS_PAGE, Offset: page * RECORDS_PAGE }),
        this.options,
        `${this.label}: reading its switch tasks`
      )
      for (const id of records.Ids) ids.add(id)
      if (records.Ids.length === 0 || (page + 1) * RECORDS_PAGE >= records.TotalCount) break
    }
    return ids
  }

  /** Sleeps the interval, or fails once the deadline has passed. */
  async pause(what: string): Promise<void> {
    const remainingMs = this.deadline - this.options.clock.now()
    if (remainingMs <= 0) throw new ApiFailure(ActionErrorCode.RebindTimeout, `${what} within rebind-timeout (${this.settings.timeoutMs / 1000} s)`, '', false)
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
        const task = await retry(() => this.api.updateCertificateInstance(this.request), this.options, createDecision, logRetry(this.options, this.label))
        if (task.DeployRecordId > 0) {
          const how = task.DeployStatus === 0 ? 'joined the switch already running' : 'started'
          this.options.log.info(`${this.label}: ${how} (DeployRecordId ${task.DeployRecordId})`)
          return task.DeployRecordId
        }
        this.options.log.info(`${this.label}: Tencent Cloud is gathering the resources to switch`)
      } catch (error) {
        const failure = toApiFailure(error)
        if (failure.code === NOTHING_BOUND) return undefined
        if (failure.code === ANOTHER_SWITCH_RUNNING) {
          this.options.log.info(`${this.label}: another switch of ${this.oldId}'s resources is running; waiting for it to finish`)
        } else if (failure.outcomeUnknown) {
          const created = [...(await this.taskIds())].filter((id) => !before.has(id))
          if (created.length > 0) {
            const id = Math.max(...created)
            this.options.log.warning(`${this.label}: the answer was lost (${failure.code}), but it created switch task ${id}: following that one`)
            return id
          }
          this.options.log.info(`${this.label}: the answer was lost (${failure.code}) and no task was created; asking again`)
        } else {
          throw failure
        }
      }
      await this.pause('no switch task could be started')
    }
  }

  private progress(deployRecordId: number, offset: number): Promise<RebindProgress> {
    return retried(
      () => this.api.describeHostUpdateRecordDetail({ DeployRecordId: String(deployRecordId), Limit: String(PAGE_SIZE), Offset: String(offset) }),
      this.options,
      `${this.label}: reading task ${deployRecordId}`
    )
  }

  /** Polls until nothing is pending or running, then reads every page of the task's resources. */
  async follow(deployRecordId: number): Promise<{ counts: RebindProgress; resources: RebindResource[] }> {
    // The counts decide, and the page's own statuses too: an answer may leave PendingTotalCount out, as the spec's example does.
    const unfinished = (page: RebindProgress): boolean =>
      page.RunningTotalCount + page.PendingTotalCount > 0 || page.Resources.some((r) => r.Status === PENDING || r.Status === RUNNING)
    let counts = await this.progress(deployRecordId, 0)
    while (unfinished(counts)) {
      this.options.log.info(
        `${this.label}: ${counts.SuccessTotalCount} of ${counts.TotalCount} switched, ${counts.FailedTotalCount} failed, ` +
          `${counts.RunningTotalCount} running, ${counts.PendingTotalCount} pending`
      )
      await this.pause(`task ${deployRecordId} did not finish (${counts.SuccessTotalCount} of ${counts.TotalCount} switched so far)`)
      counts = await this.progress(deployRecordId, 0)
    }
    const resources = [...counts.Resources]
    for (let page = 1; page < MAX_PAGES && resources.length < counts.TotalCount; page++) {
      const next = await this.progress(deployRecordId, page * PAGE_SIZE)
      if (next.Resources.length === 0) break
      resources.push(...next.Resources)
    }
    return { counts, resources }
  }
}

/**
 * Switches every resource of the chosen kinds from the old certificate to the new one and waits until each is done.
 * Never throws: the outcome holds what was switched, and a failure when anything failed or the timeout passed.
 */
export async function rebindCertificate(api: SslApi, newId: string, oldId: string, settings: RebindSettings, options: RebindOptions): Promise<RebindOutcome> {
  const job = new Switch(api, oldId, newId, settings, options)
  const rebind: RebindResult = { OldCertificateId: oldId, DeployRecordId: 0, SuccessTotalCount: 0, FailedTotalCount: 0, Resources: [] }
  try {
    const id = await job.start()
    if (id === undefined) {
      rebind.Note = `nothing of the kinds ${settings.resourceTypes.join(', ')} is bound to ${oldId} (already switched by an earlier run?)`
      options.notice(`Certificate ${newId}: ${rebind.Note}; nothing to switch.`)
      return { rebind }
    }
    rebind.DeployRecordId = id
    const { counts, resources } = await job.follow(id)
    Object.assign(rebind, {
      SuccessTotalCount: counts.SuccessTotalCount,
      FailedTotalCount: counts.FailedTotalCount,
      Resources: resources.map((resource) => ({ ...resource, Outcome: RESOURCE_OUTCOMES[resource.Status] ?? `unknown (${resource.Status})` }))
    })
    const failed = rebind.Resources.filter((resource) => FAILED_RESOURCE.has(resource.Status))
    options.log.info(`${job.label}: task ${id} done, ${counts.SuccessTotalCount} of ${counts.TotalCount} switched, ${counts.FailedTotalCount} failed`)
    if (failed.length === 0 && counts.FailedTotalCount === 0) return { rebind }
    const named = failed.slice(0, NAMED_RESOURCES).map((r) => `${describeResource(r)}: ${r.Outcome}${r.ErrorMsg ? ` (${r.ErrorMsg})` : ''}`)
    const more = Math.max(failed.length, counts.FailedTotalCount) - named.length
    const message =
      `switching from ${oldId} (task ${id}), ${Math.max(failed.length, counts.FailedTotalCount)} of ${counts.TotalCount} resources failed: ` +
      `${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`
    return { rebind, failure: { code: ActionErrorCode.RebindFailed, message, requestId: counts.RequestId } }
  } catch (error) {
    const { code, message, requestId } = toApiFailure(error)
    return {
      rebind,
      failure: { code, requestId, message: `switching from ${oldId}${rebind.DeployRecordId ? ` (task ${rebind.DeployRecordId})` : ''}: ${message}` }
    }
  }
}
